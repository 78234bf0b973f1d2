/**
 * `npm run seed -- --out <dir> --inspections N [--photos K]`: N finalized, valid records with
 * their blobs, in the push format (records/<id>@<rev>.json, blobs/<sha256>), for tests and benchmarks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { canonicalJson } from '../shared/hash/canonical-json';
import { pushRequestFor } from '../shared/sync/protocol';
import { seedRecords } from '../tests/support/seed-records';

export function writeSeed(out: string, count: number, photos: number): { records: number; blobs: number; bytes: number } {
  const { records, blobs } = seedRecords(count, { photos, photoSize: [1600, 1200] });
  mkdirSync(join(out, 'records'), { recursive: true });
  mkdirSync(join(out, 'blobs'), { recursive: true });
  let bytes = 0;
  for (const record of records) {
    const text = canonicalJson(pushRequestFor(record));
    bytes += text.length;
    writeFileSync(join(out, 'records', `${record.inspection.id}@${record.inspection.revision}.json`), text);
  }
  for (const [sha, data] of blobs) {
    bytes += data.length;
    writeFileSync(join(out, 'blobs', sha), data);
  }
  return { records: records.length, blobs: blobs.size, bytes };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { out: { type: 'string' }, inspections: { type: 'string' }, photos: { type: 'string' } }, strict: true });
  const count = Number(values.inspections);
  const photos = Number(values.photos ?? 0);
  if (!values.out || !Number.isInteger(count) || count < 1 || !Number.isInteger(photos) || photos < 0) {
    console.error('usage: npm run seed -- --out <dir> --inspections N [--photos K]');
    process.exit(2);
  }
  const result = writeSeed(resolve(values.out), count, photos);
  console.log(`Wrote ${result.records} records and ${result.blobs} blobs (${(result.bytes / 1024 / 1024).toFixed(1)} MB) to ${values.out}`);
}
