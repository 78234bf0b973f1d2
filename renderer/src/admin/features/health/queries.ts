import { healthSchema } from '@shared/admin/admin-api';
import { apiGet } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';

export function useHealth() {
  return useApiQuery('health', () => apiGet('health', healthSchema));
}
