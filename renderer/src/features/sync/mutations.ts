import { useMemo } from 'react';
import { enrollDevice } from '@shared/sync/engine';
import { buildSyncBundle } from '@shared/sync/bundle';
import { recordBlobHashes } from '@shared/inspection/record';
import { toLocalIso } from '@shared/time/local-iso';
import { useDb } from '../../db/db-context';
import { loadRecord } from '../recording/load-record';
import { loadBlobBytes } from '../../db/blob-bytes';
import { CURSOR_KEY, HUB_SETTINGS_KEY, type HubSettings } from './dexie-sync-storage';

/** "http://10.0.0.5:8787/" → "http://10.0.0.5:8787"; anything but http(s) is refused. */
export function normalizeHubUrl(input: string): string {
  const url = new URL(input.trim());
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('err.sync.hubUrl');
  if (url.protocol === 'http:' && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error('err.sync.httpsRequired');
  return url.origin;
}

/** The code as typed, or the QR payload ({"congvu":"enroll","code":…,"hub":…}) pasted whole. */
export function parseEnrollmentInput(text: string): { code: string; hub?: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const payload = JSON.parse(trimmed) as { congvu?: string; code?: string; hub?: string };
      if (payload.congvu === 'enroll' && typeof payload.code === 'string') return { code: payload.code, ...(typeof payload.hub === 'string' ? { hub: payload.hub } : {}) };
    } catch {
      // not JSON after all: taken as a code
    }
  }
  return { code: trimmed };
}

export function useSyncActions() {
  const db = useDb();
  return useMemo(
    () => ({
      enroll: async (hubUrl: string, code: string, deviceName: string) => {
        const baseUrl = normalizeHubUrl(hubUrl);
        const result = await enrollDevice(baseUrl, code, deviceName);
        const settings: HubSettings = { baseUrl, token: result.token, deviceId: result.deviceId, role: result.role, enrolledAt: toLocalIso(new Date()) };
        await db.transaction('rw', db.settings, async () => {
          await db.settings.put({ key: HUB_SETTINGS_KEY, value: settings });
          await db.settings.delete(CURSOR_KEY);
        });
        return settings;
      },
      /** Forgets the hub and its token; records, their sync status and pulled data stay. */
      forget: () => db.transaction('rw', db.settings, async () => {
        await db.settings.delete(HUB_SETTINGS_KEY);
        await db.settings.delete(CURSOR_KEY);
      }),
      /** The USB hand-over: every finalized revision and its blobs, in the hub's import format. */
      bundle: async () => {
        const finalized = await db.inspections.where('status').equals('finalized').toArray();
        const records = [];
        for (const i of finalized) {
          const record = await loadRecord(db, { id: i.id, revision: i.revision });
          if (record) records.push(record);
        }
        const blobs = await loadBlobBytes(db, records.flatMap(recordBlobHashes));
        return { zip: buildSyncBundle(records, blobs, toLocalIso(new Date())), count: records.length };
      },
    }),
    [db],
  );
}
