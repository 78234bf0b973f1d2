import { adminTemplateSchema } from '@shared/admin/admin-api';
import { apiGet } from '../../api/client';
import { listOf } from '../../api/list-answer';
import { useApiQuery } from '../../api/use-api-query';

/** Every template version the hub knows, built-in ones included. */
export function useTemplates() {
  return useApiQuery('templates', () => apiGet('templates', listOf(adminTemplateSchema)));
}
