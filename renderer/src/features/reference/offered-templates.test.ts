import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleNewInspectionInput } from '@shared/inspection/sample';
import { templateRef } from '@shared/schemas';
import { sampleDepartmentTemplate } from '@shared/templates/sample-department';
import type { ChangeItem } from '@shared/sync/protocol';
import { CongvuDb, installReferenceData } from '../../db/database';
import { createInspection } from '../inspections/mutations';
import { loadRecord } from '../recording/load-record';
import { loadTemplates } from './load-templates';
import { DexieSyncStorage } from '../sync/dexie-sync-storage';
import { loadOfferedTemplates, loadRetiredTemplateRefs } from './offered-templates';

let n = 0;
const dbs: CongvuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

const department = (version: number) => sampleDepartmentTemplate(version);

const change = (seq: number, kind: string, id: string, data: unknown, deleted?: boolean): ChangeItem => ({ seq, kind, id, data, ...(deleted ? { deleted } : {}) });
const at = new Date('2026-12-04T02:00:00Z');
const stamp = { arrivedAt: at, monotonicMs: 1, now: at };

async function setup() {
  const db = new CongvuDb(`offered-${++n}`);
  dbs.push(db);
  await installReferenceData(db);
  return { db, sync: new DexieSyncStorage(db) };
}

describe('templates offered for a new inspection, after the hub retires a version', () => {
  it('a synced retirement stops offering that version; the one before it is offered, and a draft made with it still opens', async () => {
    const { db, sync } = await setup();
    await sync.applyChanges([change(1, 'template', 'ANG@1', department(1)), change(2, 'template', 'ANG@2', department(2))], 'c2');
    expect((await loadOfferedTemplates(db)).map(templateRef)).toEqual(['GIO@1', 'VH@1', 'MC@2', 'ANG@2']);

    const input = sampleNewInspectionInput();
    input.templateRefs = ['ANG@2'];
    const draft = await createInspection(db, input, stamp);

    await sync.applyChanges([change(3, 'template-retired', 'ANG@2', { ref: 'ANG@2', retiredAt: '2026-12-04T09:00:00+07:00' })], 'c3');
    expect(await loadRetiredTemplateRefs(db)).toEqual(['ANG@2']);
    expect((await loadOfferedTemplates(db)).map(templateRef)).toEqual(['GIO@1', 'VH@1', 'MC@2', 'ANG@1']);
    // The version stays stored: the draft made with it opens with its checklist.
    const record = await loadRecord(db, { id: draft.id, revision: 1 });
    expect(record?.inspection.templateRefs).toEqual(['ANG@2']);
    expect(record?.findings.length).toBeGreaterThan(0);
    expect([...(await loadTemplates(db, ['ANG@2'])).keys()]).toEqual(['ANG@2']);
    expect(await sync.cursor()).toBe('c3');

    // A new inspection cannot start with it any more.
    await expect(createInspection(db, input, stamp)).rejects.toThrow('err.template.retired: ANG@2');
    input.templateRefs = ['ANG@1'];
    await expect(createInspection(db, input, stamp)).resolves.toMatchObject({ templateRefs: ['ANG@1'] });
  });

  it('an id whose versions are all retired is not offered at all; a malformed retirement is ignored', async () => {
    const { db, sync } = await setup();
    await sync.applyChanges(
      [
        change(1, 'template', 'ANG@1', department(1)),
        change(2, 'template-retired', 'ANG@1', { ref: 'ANG@1', retiredAt: '2026-12-04T09:00:00+07:00' }),
        change(3, 'template-retired', 'GIO@1', { ref: 'not a ref', retiredAt: 1 }),
      ],
      'c3',
    );
    expect((await loadOfferedTemplates(db)).map(templateRef)).toEqual(['GIO@1', 'VH@1', 'MC@2']);
  });

  it('a retirement the hub withdraws (deleted) offers the version again', async () => {
    const { db, sync } = await setup();
    await sync.applyChanges([change(1, 'template-retired', 'MC@2', { ref: 'MC@2', retiredAt: '2026-12-04T09:00:00+07:00' })], 'c1');
    expect((await loadOfferedTemplates(db)).map(templateRef)).toEqual(['GIO@1', 'VH@1', 'MC@1']);
    await sync.applyChanges([change(2, 'template-retired', 'MC@2', null, true)], 'c2');
    expect((await loadOfferedTemplates(db)).map(templateRef)).toEqual(['GIO@1', 'VH@1', 'MC@2']);
  });
});
