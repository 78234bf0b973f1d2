import { z } from 'zod';
import type { LegalBasis } from '@shared/schemas';
import { apiSend } from '../../api/client';

export function publishLegalBasis(basis: LegalBasis) {
  return apiSend('POST', 'legal-bases', z.unknown(), { json: basis });
}

export function retireLegalBasis(id: string, effectiveTo: string) {
  return apiSend('POST', `legal-bases/${encodeURIComponent(id)}/retire`, z.unknown(), { json: { effectiveTo } });
}
