import { adminAssignmentSchema } from '@shared/admin/admin-api';
import { apiGet } from '../../api/client';
import { listOf } from '../../api/list-answer';
import { useApiQuery } from '../../api/use-api-query';

export function useAssignments() {
  return useApiQuery('assignments', () => apiGet('assignments', listOf(adminAssignmentSchema)));
}
