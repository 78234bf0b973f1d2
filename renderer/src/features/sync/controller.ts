import { useSyncExternalStore } from 'react';
import { HubRequestError, SyncEngine, type SyncProgress, type SyncReport } from '@shared/sync/engine';
import { checkImportedReports } from '../review/check-reports';
import { API_PREFIX, healthResponseSchema } from '@shared/sync/protocol';
import type { CongvuDb } from '../../db/database';
import { useDb } from '../../db/db-context';
import { DexieSyncStorage, HUB_SETTINGS_KEY, type HubSettings } from './dexie-sync-storage';
import { runTimestampQueueOnce } from '../report/timestamp-queue';
import { bridge } from '../../bridge/bridge';

export interface SyncState {
  running: boolean;
  progress: SyncProgress | null;
  lastReport: SyncReport | null;
  lastError: string | null;
  lastRunAt: string | null;
  /** Whether the hub answered the last health check; null before the first. */
  reachable: boolean | null;
}

const AUTO_INTERVAL_MS = 60_000;

/**
 * Runs the sync engine for this device: on demand, when the browser comes back online, and every
 * minute when the hub answers and something is waiting. One run at a time.
 */
export class SyncController {
  private state: SyncState = { running: false, progress: null, lastReport: null, lastError: null, lastRunAt: null, reachable: null };
  private readonly listeners = new Set<() => void>();
  private current: Promise<SyncReport | null> | null = null;

  constructor(private readonly db: CongvuDb) {}

  get snapshot(): SyncState {
    return this.state;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<SyncState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  async hub(): Promise<HubSettings | null> {
    return ((await this.db.settings.get(HUB_SETTINGS_KEY))?.value as HubSettings | undefined) ?? null;
  }

  async checkHub(): Promise<boolean> {
    const hub = await this.hub();
    if (!hub) return false;
    try {
      const res = await fetch(`${hub.baseUrl}${API_PREFIX}/health`, { signal: AbortSignal.timeout(5000) });
      const ok = res.ok && healthResponseSchema.safeParse(await res.json()).success;
      this.set({ reachable: ok });
      return ok;
    } catch {
      this.set({ reachable: false });
      return false;
    }
  }

  syncNow(): Promise<SyncReport | null> {
    this.current ??= this.run().finally(() => (this.current = null));
    return this.current;
  }

  private async run(): Promise<SyncReport | null> {
    const hub = await this.hub();
    if (!hub) return null;
    this.set({ running: true, progress: null, lastError: null });
    try {
      // A signed PDF still waiting for its time-stamp gets it first, so the hub is sent the stamped file.
      await runTimestampQueueOnce(this.db, bridge.signing.timestamp).catch((error: unknown) => console.error('time-stamp queue failed', error));
      const reviewer = hub.role === 'reviewer';
      // A reviewer imports whole records: smaller pages keep each transaction short.
      const engine = new SyncEngine(new DexieSyncStorage(this.db), { baseUrl: hub.baseUrl, token: hub.token }, { includeRecords: reviewer, pageSize: reviewer ? 250 : 500, onProgress: (progress) => this.set({ progress }) });
      const report = await engine.sync();
      if (reviewer && !report.stoppedBy) {
        try {
          await checkImportedReports(this.db, engine);
        } catch (error) {
          report.stoppedBy = error instanceof HubRequestError ? error.code : 'report_check_failed';
        }
      }
      this.set({ lastReport: report, lastError: report.stoppedBy, reachable: report.stoppedBy !== 'network' });
      return report;
    } catch (error) {
      this.set({ lastError: error instanceof Error ? error.message : String(error) });
      return null;
    } finally {
      this.set({ running: false, lastRunAt: new Date().toISOString() });
    }
  }

  /** Automatic sync while the app is open; returns the function that stops it. */
  start(): () => void {
    const tick = async () => {
      if (this.state.running || !(await this.hub())) return;
      if (!(await this.checkHub())) return;
      const storage = new DexieSyncStorage(this.db);
      const hub = await this.hub();
      // A reviewer pulls new inspections every time; an inspector syncs when something waits to go.
      const waiting = hub?.role === 'reviewer' || (await storage.pending()).length > 0 || (await storage.pendingReports()).length > 0;
      if (waiting) await this.syncNow();
    };
    const onOnline = () => void tick();
    window.addEventListener('online', onOnline);
    const timer = setInterval(() => void tick(), AUTO_INTERVAL_MS);
    void tick();
    return () => {
      window.removeEventListener('online', onOnline);
      clearInterval(timer);
    };
  }
}

let controller: SyncController | null = null;

export function syncController(db: CongvuDb): SyncController {
  controller ??= new SyncController(db);
  return controller;
}

export function useSyncState(c: SyncController): SyncState {
  return useSyncExternalStore(c.subscribe, () => c.snapshot);
}

/** This window's sync controller and its live state, for components. */
export function useSync(): { controller: SyncController; state: SyncState } {
  const controller = syncController(useDb());
  return { controller, state: useSyncState(controller) };
}
