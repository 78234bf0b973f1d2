import { unitSchema, unitsPageSchema } from '@shared/admin/admin-api';
import { apiGet } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';

export const UNITS_PAGE = 50;

export function useUnits(offset: number, q: string) {
  return useApiQuery(`${offset}|${q}`, () => apiGet('units', unitsPageSchema, { offset, limit: UNITS_PAGE, q }));
}

export function useUnit(code: string) {
  return useApiQuery(code, () => apiGet(`units/${encodeURIComponent(code)}`, unitSchema));
}
