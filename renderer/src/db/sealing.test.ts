import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleNewInspectionInput } from '@shared/inspection/sample';
import { createInspection } from '../features/inspections/mutations';
import { getInspection, pageInspections } from '../features/inspections/queries';
import { CongvuDb, installReferenceData, sealStoredRows } from './database';
import { decodeValue, encodeValue } from './seal-codec';
import { SEALED_FIELD } from './sealed-row';

let n = 0;
const opened: CongvuDb[] = [];
function open(name: string, key: CryptoKey | null): CongvuDb {
  const db = new CongvuDb(name, key);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
const stamp = (iso: string) => ({ arrivedAt: new Date(iso), monotonicMs: 1, now: new Date(iso) });

function rawRows(name: string, store: string): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => {
      const all = req.result.transaction(store).objectStore(store).getAll();
      all.onsuccess = () => {
        req.result.close();
        resolve(all.result as Record<string, unknown>[]);
      };
      all.onerror = () => reject(all.error);
    };
    req.onerror = () => reject(req.error);
  });
}

describe('sealed store', () => {
  it('frames values with blobs, bytes and dates and reads them back', async () => {
    const value = { a: 'Nguyễn Văn A', photo: new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1])], { type: 'image/jpeg' }), bytes: new Uint8Array([1, 2, 3]), at: new Date('2026-01-02T03:04:05Z'), list: [1, null, 'x'] };
    const back = decodeValue(await encodeValue(value)) as typeof value;
    expect(back.a).toBe(value.a);
    expect(back.photo.type).toBe('image/jpeg');
    expect([...new Uint8Array(await back.photo.arrayBuffer())]).toEqual([0xff, 0xd8, 0xff, 1]);
    expect([...back.bytes]).toEqual([1, 2, 3]);
    expect(back.at.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(back.list).toEqual([1, null, 'x']);
  });

  it('stores records sealed, keeps only keys and indexes plain, and reads them as before', async () => {
    const name = `sealed-${++n}`;
    const db = open(name, await newKey());
    await installReferenceData(db);
    const input = sampleNewInspectionInput();
    const made = await createInspection(db, input, stamp('2026-11-20T01:00:00Z'));
    await db.blobs.put({ sha256: 'f'.repeat(64), blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], { type: 'image/jpeg' }) });
    await db.settings.put({ key: 'hub.token', value: 'secret-token-xyz' });
    await db.reviewOutbox.add({ reviewId: 'r1', inspectionId: made.id, revision: 1, status: 'approved', comment: 'Đồng ý', createdAt: 'x', state: 'pending', error: null });

    expect((await getInspection(db, made.id))!.unit.name).toBe(input.unit.name);
    expect((await pageInspections(db, 10, input.unit.name.slice(0, 4))).rows.map((r) => r.id)).toEqual([made.id]);
    const blob = (await db.blobs.get('f'.repeat(64)))!.blob;
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0xff, 0xd8, 0xff, 0xe0]);
    expect((await db.settings.get('hub.token'))!.value).toBe('secret-token-xyz');
    const outbox = await db.reviewOutbox.where('state').equals('pending').toArray();
    expect(outbox.map((o) => [o.localId, o.comment])).toEqual([[1, 'Đồng ý']]);
    // An update reads, changes and writes back inside one transaction across the crypto.
    await db.reviewOutbox.update(1, { state: 'sent' });
    expect((await db.reviewOutbox.get(1))!.state).toBe('sent');
    await db.transaction('rw', db.settings, async () => {
      const row = await db.settings.get('hub.token');
      await db.settings.put({ key: 'hub.token2', value: `${String(row!.value)}-2` });
    });
    expect((await db.settings.get('hub.token2'))!.value).toBe('secret-token-xyz-2');
    expect(await db.settings.filter((s) => s.value === 'secret-token-xyz-2').count()).toBe(1);
    db.close();

    const inspections = await rawRows(name, 'inspections');
    expect(inspections).toHaveLength(1);
    expect(Object.keys(inspections[0]!).sort()).toEqual(['arrival', 'id', 'revision', SEALED_FIELD, 'status', 'unit', 'updatedAt'].sort());
    expect(inspections[0]!.unit).toEqual({ code: input.unit.code });
    const rawSettings = JSON.stringify(await rawRows(name, 'settings'));
    expect(rawSettings).not.toContain('secret-token');
    expect((await rawRows(name, 'templates'))[0]).not.toHaveProperty(SEALED_FIELD);
  });

  it('opens a store written before sealing, then seals every row in place', async () => {
    const name = `legacy-${++n}`;
    const plain = new CongvuDb(name);
    await installReferenceData(plain);
    const made = await createInspection(plain, sampleNewInspectionInput(), stamp('2026-11-20T01:00:00Z'));
    await plain.settings.put({ key: 'hub.token', value: 'old-token' });
    plain.close();

    const db = open(name, await newKey());
    expect((await getInspection(db, made.id))!.id).toBe(made.id);
    expect(await sealStoredRows(db)).toBeGreaterThan(2);
    expect(await sealStoredRows(db)).toBe(0);
    expect((await getInspection(db, made.id))!.unit.name).toBe(made.unit.name);
    expect((await db.settings.get('hub.token'))!.value).toBe('old-token');
    db.close();
    for (const store of ['inspections', 'settings', 'auditLog']) for (const row of await rawRows(name, store)) expect(row).toHaveProperty(SEALED_FIELD);
  });
});
