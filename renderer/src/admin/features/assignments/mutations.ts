import { z } from 'zod';
import type { assignmentRequestSchema } from '@shared/admin/admin-api';
import { apiSend } from '../../api/client';

export function createAssignment(request: z.input<typeof assignmentRequestSchema>) {
  return apiSend('POST', 'assignments', z.unknown(), { json: request });
}

export function retireAssignment(id: string) {
  return apiSend('POST', `assignments/${encodeURIComponent(id)}/retire`, z.unknown());
}
