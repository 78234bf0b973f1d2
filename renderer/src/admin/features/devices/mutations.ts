import { z } from 'zod';
import { enrollmentSchema, transferResultSchema } from '@shared/admin/admin-api';
import { apiSend } from '../../api/client';

export function enroll(role: 'inspector' | 'reviewer', name: string) {
  // The laptops reach the hub at the address this console was opened at.
  return apiSend('POST', 'enrollments', enrollmentSchema, { json: { role, name, hubUrl: window.location.origin } });
}

export function revokeDevice(id: string) {
  return apiSend('POST', `devices/${encodeURIComponent(id)}/revoke`, z.unknown());
}

export function transfer(request: { inspection: string; to: string } | { from: string; to: string }) {
  return apiSend('POST', 'transfers', transferResultSchema, { json: request });
}
