import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SyncEngine } from '../../shared/sync/engine';
import { API_PREFIX } from '../../shared/sync/protocol';
import { enrollDevice, startHub, startPgCluster } from '../support/hub';
import { MemorySyncStorage } from '../support/memory-sync-storage';
import { seedRecords } from '../support/seed-records';
import { judge, type BenchRun } from './results';

const RECORDS = Number(process.env['BENCH_SYNC_RECORDS'] ?? 1000);
const DEVICES = 50;
const ENROLL_AT_ONCE = 4;

const storageOf = MemorySyncStorage.of;

async function pushAll(url: string, token: string, storage: MemorySyncStorage, fetchImpl?: typeof fetch) {
  const engine = new SyncEngine(storage, { baseUrl: url, token }, { fetch: fetchImpl });
  const t0 = performance.now();
  const report = await engine.push();
  const ms = performance.now() - t0;
  if (report.failed > 0 || report.stoppedBy) throw new Error(`push failed: ${JSON.stringify(report)}`);
  return { ms, report };
}

/**
 * 1,000 records (30-odd findings, 2 photos of about 300 KB each) pushed by the client engine to a
 * hub on loopback, on SQLite and on PostgreSQL; a re-sync of the same records (all already held);
 * and 50 devices pushing at once, for the hub's per-record latency.
 */
export async function benchSync({ emit, part }: BenchRun): Promise<void> {
  const { records, blobs } = seedRecords(RECORDS, { photos: 2, photoSize: [1600, 1200] });
  const mb = [...blobs.values()].reduce((n, b) => n + b.length, 0) / (1024 * 1024);
  console.log(`  ${records.length} records, ${records[0]!.findings.length} findings each, ${blobs.size} blobs, ${mb.toFixed(0)} MB`);

  await part('hub on SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'congvu-bench-hub-'));
    const env = { HUB_DATA_DIR: dir };
    const hub = await startHub(env);
    try {
      const device = await enrollDevice(hub.url, 'inspector', env);
      await part('push to SQLite', async () => {
        const first = await pushAll(hub.url, device.token, storageOf(records, blobs));
        emit(judge('sync.push_records_per_s_sqlite', records.length / (first.ms / 1000), 'records/s', '>= 200'));
        emit(judge('sync.push_mb_per_s_sqlite', mb / (first.ms / 1000), 'MB/s', null));
      });
      await part('re-sync of the same records', async () => {
        const again = await pushAll(hub.url, device.token, storageOf(records, blobs));
        if (again.report.alreadyHeld !== records.length) throw new Error(`re-sync pushed new records: ${JSON.stringify(again.report)}`);
        emit(judge('sync.resync_ms', again.ms, 'ms', '<= 2000'));
      });
      await part(`${DEVICES} devices pushing at once`, () => manyDevices(hub.url, env, emit));
    } finally {
      await hub.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  await part('null hub', async () => {
    // The same push to a hub that does nothing: the client engine's own ceiling on this machine.
    const nullHub = await startHub({}, 0, 'tests/bench/null-hub.ts');
    try {
      const run = await pushAll(nullHub.url, 'none', storageOf(records, blobs));
      emit(judge('sync.push_records_per_s_null_hub', records.length / (run.ms / 1000), 'records/s', null));
    } finally {
      await nullHub.stop();
    }
  });

  await part('push to PostgreSQL', async () => {
    const pg = await startPgCluster();
    const pgDir = mkdtempSync(join(tmpdir(), 'congvu-bench-pg-'));
    try {
      const env = { HUB_DATA_DIR: pgDir, DATABASE_URL: pg.url };
      const pgHub = await startHub(env);
      try {
        const device = await enrollDevice(pgHub.url, 'inspector', env);
        const run = await pushAll(pgHub.url, device.token, storageOf(records, blobs));
        emit(judge('sync.push_records_per_s_pg', records.length / (run.ms / 1000), 'records/s', '>= 150'));
      } finally {
        await pgHub.stop();
      }
    } finally {
      await pg.stop();
      rmSync(pgDir, { recursive: true, force: true });
    }
  });
}

/**
 * 50 devices at once, each with its own records: how long a record waits for the hub's answer
 * (the request that carries it, alone or with the rest of its group).
 */
async function manyDevices(url: string, env: Record<string, string>, emit: BenchRun['emit']): Promise<void> {
  const perDevice = 10;
  const small = seedRecords(DEVICES * perDevice, { photos: 1 });
  const latencies: number[] = [];
  const timed: typeof fetch = async (input, init) => {
    const t0 = performance.now();
    const res = await fetch(input, init);
    const path = String(input);
    if ((init?.method === 'PUT' && path.includes(`${API_PREFIX}/inspections/`)) || (init?.method === 'POST' && path.endsWith(`${API_PREFIX}/inspections`))) latencies.push(performance.now() - t0);
    return res;
  };
  // Each enrollment is a CLI run (a Node process of its own): a few at a time, not 50 on two cores.
  const devices: Array<{ token: string }> = [];
  for (let k = 0; k < DEVICES; k += ENROLL_AT_ONCE) {
    devices.push(...(await Promise.all(Array.from({ length: Math.min(ENROLL_AT_ONCE, DEVICES - k) }, () => enrollDevice(url, 'inspector', env)))));
  }
  await Promise.all(devices.map((d, k) => pushAll(url, d.token, storageOf(small.records.slice(k * perDevice, (k + 1) * perDevice), small.blobs), timed)));
  latencies.sort((a, b) => a - b);
  emit(judge('hub.p99_record_ms', latencies[Math.ceil(latencies.length * 0.99) - 1]!, 'ms', null));
}
