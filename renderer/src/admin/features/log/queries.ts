import { adminLogPageSchema } from '@shared/admin/admin-api';
import { apiGet } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';

export const LOG_PAGE = 100;

export function useAdminLog(offset: number) {
  return useApiQuery(String(offset), () => apiGet('log', adminLogPageSchema, { offset, limit: LOG_PAGE }));
}
