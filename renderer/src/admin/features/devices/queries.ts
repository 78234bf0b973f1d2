import type { z } from 'zod';
import { devicesPageSchema } from '@shared/admin/admin-api';
import { apiGet } from '../../api/client';
import { Prefetch } from '../../api/prefetch';
import { useApiQuery } from '../../api/use-api-query';

export type DeviceStatusFilter = 'all' | 'active' | 'revoked';
export const DEVICES_PAGE = 100;

const keyOf = (offset: number, q: string, status: DeviceStatusFilter) => `${offset}|${status}|${q}`;
const load = (offset: number, q: string, status: DeviceStatusFilter) => () => apiGet('devices', devicesPageSchema, { offset, limit: DEVICES_PAGE, q, status });
const firstPage = new Prefetch<z.infer<typeof devicesPageSchema>>();

/** The page the Devices page opens with, asked for as the console starts (it is the home page). */
export function prefetchDevices(): void {
  firstPage.start(keyOf(0, '', 'all'), load(0, '', 'all'));
}

export function useDevices(offset: number, q: string, status: DeviceStatusFilter) {
  const key = keyOf(offset, q, status);
  return useApiQuery(key, () => firstPage.take(key, load(offset, q, status)));
}

/** Active inspectors' devices matching `q`, to receive handed-over records. */
export function useTransferTargets(q: string) {
  return useApiQuery(`targets|${q}`, async () => {
    const page = await apiGet('devices', devicesPageSchema, { offset: 0, limit: 50, q, status: 'active' });
    return page.items.filter((d) => d.role === 'inspector');
  });
}
