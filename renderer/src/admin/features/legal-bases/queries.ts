import { adminLegalBasisSchema } from '@shared/admin/admin-api';
import { apiGet } from '../../api/client';
import { listOf } from '../../api/list-answer';
import { useApiQuery } from '../../api/use-api-query';

export function useLegalBases() {
  return useApiQuery('legal-bases', () => apiGet('legal-bases', listOf(adminLegalBasisSchema)));
}
