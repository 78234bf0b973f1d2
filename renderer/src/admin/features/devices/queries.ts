import { devicesPageSchema } from '@shared/admin/admin-api';
import { apiGet } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';

export type DeviceStatusFilter = 'all' | 'active' | 'revoked';
export const DEVICES_PAGE = 100;

export function useDevices(offset: number, q: string, status: DeviceStatusFilter) {
  return useApiQuery(`${offset}|${status}|${q}`, () => apiGet('devices', devicesPageSchema, { offset, limit: DEVICES_PAGE, q, status }));
}

/** Active inspectors' devices matching `q`, to receive handed-over records. */
export function useTransferTargets(q: string) {
  return useApiQuery(`targets|${q}`, async () => {
    const page = await apiGet('devices', devicesPageSchema, { offset: 0, limit: 50, q, status: 'active' });
    return page.items.filter((d) => d.role === 'inspector');
  });
}
