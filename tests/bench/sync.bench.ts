import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SyncEngine } from '../../shared/sync/engine';
import { API_PREFIX } from '../../shared/sync/protocol';
import { enrollDevice, startHub, startPgCluster } from '../support/hub';
import { MemorySyncStorage } from '../support/memory-sync-storage';
import { seedRecords } from '../support/seed-records';
import { judge, type BenchResult } from './results';

const RECORDS = Number(process.env['BENCH_SYNC_RECORDS'] ?? 1000);
const DEVICES = 50;

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
export async function benchSync(): Promise<BenchResult[]> {
  const { records, blobs } = seedRecords(RECORDS, { photos: 2, photoSize: [1600, 1200] });
  const mb = [...blobs.values()].reduce((n, b) => n + b.length, 0) / (1024 * 1024);
  console.log(`  ${records.length} records, ${records[0]!.findings.length} findings each, ${blobs.size} blobs, ${mb.toFixed(0)} MB`);
  const results: BenchResult[] = [];

  const dir = mkdtempSync(join(tmpdir(), 'congvu-bench-hub-'));
  const hub = await startHub({ HUB_DATA_DIR: dir });
  try {
    const device = await enrollDevice(hub.url, 'inspector', { HUB_DATA_DIR: dir });
    const first = await pushAll(hub.url, device.token, storageOf(records, blobs));
    results.push(judge('sync.push_records_per_s_sqlite', records.length / (first.ms / 1000), 'records/s', '>= 200'));
    results.push(judge('sync.push_mb_per_s_sqlite', mb / (first.ms / 1000), 'MB/s', null));
    const again = await pushAll(hub.url, device.token, storageOf(records, blobs));
    if (again.report.alreadyHeld !== records.length) throw new Error('re-sync pushed new records');
    results.push(judge('sync.resync_ms', again.ms, 'ms', '<= 2000'));

    // 50 devices at once, each with its own records: how long a record waits for the hub's answer
    // (the request that carries it, alone or with the rest of its group).
    const perDevice = 10;
    const small = seedRecords(DEVICES * perDevice, { photos: 1 });
    const latencies: number[] = [];
    const timed: typeof fetch = async (input, init) => {
      const t0 = performance.now();
      const res = await fetch(input, init);
      const url = String(input);
      if ((init?.method === 'PUT' && url.includes(`${API_PREFIX}/inspections/`)) || (init?.method === 'POST' && url.endsWith(`${API_PREFIX}/inspections`))) latencies.push(performance.now() - t0);
      return res;
    };
    const devices = await Promise.all(Array.from({ length: DEVICES }, () => enrollDevice(hub.url, 'inspector', { HUB_DATA_DIR: dir })));
    await Promise.all(
      devices.map((d, k) => pushAll(hub.url, d.token, storageOf(small.records.slice(k * perDevice, (k + 1) * perDevice), small.blobs), timed)),
    );
    latencies.sort((a, b) => a - b);
    results.push(judge('hub.p99_record_ms', latencies[Math.ceil(latencies.length * 0.99) - 1]!, 'ms', null));
  } finally {
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  // The same push to a hub that does nothing: the client engine's own ceiling on this machine.
  const nullHub = await startHub({}, 0, 'tests/bench/null-hub.ts');
  try {
    const run = await pushAll(nullHub.url, 'none', storageOf(records, blobs));
    results.push(judge('sync.push_records_per_s_null_hub', records.length / (run.ms / 1000), 'records/s', null));
  } finally {
    await nullHub.stop();
  }

  const pg = await startPgCluster();
  const pgDir = mkdtempSync(join(tmpdir(), 'congvu-bench-pg-'));
  const pgHub = await startHub({ HUB_DATA_DIR: pgDir, DATABASE_URL: pg.url });
  try {
    const device = await enrollDevice(pgHub.url, 'inspector', { HUB_DATA_DIR: pgDir, DATABASE_URL: pg.url });
    const run = await pushAll(pgHub.url, device.token, storageOf(records, blobs));
    results.push(judge('sync.push_records_per_s_pg', records.length / (run.ms / 1000), 'records/s', '>= 150'));
  } finally {
    await pgHub.stop();
    pg.stop();
    rmSync(pgDir, { recursive: true, force: true });
  }
  return results;
}
