import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION } from '../format-version';
import { buildDraftInspection, newInspectionInputSchema, type NewInspectionInput } from '../inspection/new-inspection';
import { sampleNewInspectionInput } from '../inspection/sample';
import { builtInTemplates } from '../templates';
import { checkTemplatePublish } from '../templates/immutability';
import {
  attachmentSchema,
  findingSchema,
  inspectionSchema,
  legalBasisSchema,
  rosterEntrySchema,
  signatureSchema,
  templateSchema,
  unitSchema,
} from './index';

const input: NewInspectionInput = sampleNewInspectionInput();
const stamp = { arrivedAt: new Date('2026-11-23T01:05:00Z'), monotonicMs: 12345.5, now: new Date('2026-11-23T01:06:00Z') };

describe('new inspection', () => {
  it('builds a valid draft: UUIDv7 id, revision 1, arrival stamped with its monotonic reading', () => {
    const inspection = buildDraftInspection(input, stamp);
    expect(inspection.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(inspection).toMatchObject({ formatVersion: FORMAT_VERSION, revision: 1, status: 'draft' });
    expect(new Date(inspection.arrival.at).getTime()).toBe(stamp.arrivedAt.getTime());
    expect(inspection.arrival.monotonicMs).toBe(12345.5);
    expect(new Set(inspection.team.map((m) => m.id)).size).toBe(3);
    expect(inspectionSchema.parse(inspection)).toEqual(inspection);
  });

  it.each([
    ['no leader', (i: NewInspectionInput) => (i.team[0]!.role = 'member'), 'err.team.oneLeader'],
    ['two recorders', (i: NewInspectionInput) => (i.team[1]!.role = 'recorder'), 'err.team.oneRecorder'],
    ['a person twice', (i: NewInspectionInput) => (i.team[1]!.name = ' nguyễn thị ánh tuyết '), 'err.team.duplicateMember'],
    ['no checklist', (i: NewInspectionInput) => (i.templateRefs = []), 'err.inspection.templateRequired'],
    ['no legal basis', (i: NewInspectionInput) => (i.legalBasisIds = []), 'err.inspection.legalBasisRequired'],
    ['a bad template ref', (i: NewInspectionInput) => (i.templateRefs = ['GIO']), 'err.template.ref'],
    ['a blank unit name', (i: NewInspectionInput) => (i.unit.name = '   '), 'err.required'],
    ['a unit code with a path in it', (i: NewInspectionInput) => (i.unit.code = '../x'), 'err.unit.code'],
  ])('refuses %s with a specific message', (_name, mutate, message) => {
    const bad = structuredClone(input);
    mutate(bad);
    const result = newInspectionInputSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toContain(message);
  });

  it('refuses the same template twice in a record', () => {
    const inspection = { ...buildDraftInspection(input, stamp), templateRefs: ['GIO@1', 'GIO@2'] };
    expect(inspectionSchema.safeParse(inspection).error?.issues[0]?.message).toBe('err.inspection.duplicateTemplate');
  });

  it('requires a hash on a finalized record and a reason on a correction', () => {
    const draft = buildDraftInspection(input, stamp);
    expect(inspectionSchema.safeParse({ ...draft, status: 'finalized' }).error?.issues[0]?.message).toBe(
      'err.inspection.finalizedNeedsHash',
    );
    expect(inspectionSchema.safeParse({ ...draft, revision: 2 }).error?.issues[0]?.message).toBe(
      'err.inspection.revisionNeedsReason',
    );
    const correction = { replacesRevision: 1, replacesHash: 'a'.repeat(64), reason: 'Sai giờ đến' };
    expect(inspectionSchema.safeParse({ ...draft, revision: 2, correction }).success).toBe(true);
  });

  it('refuses a record from another format version', () => {
    const draft = buildDraftInspection(input, stamp);
    expect(inspectionSchema.safeParse({ ...draft, formatVersion: 2 }).success).toBe(false);
  });
});

describe('other records', () => {
  const inspectionId = '019aadf8-51a0-7b2c-9d3e-0123456789ab';
  const uuid = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

  it('roll call: a late person needs an arrival time, others must not have one', () => {
    const entry = { id: uuid, inspectionId, revision: 1, seq: 0, name: 'Phạm Minh Khôi', status: 'late' };
    expect(rosterEntrySchema.safeParse(entry).error?.issues[0]?.message).toBe('err.roster.lateNeedsTime');
    expect(rosterEntrySchema.safeParse({ ...entry, arrivalTime: '07:52' }).success).toBe(true);
    expect(rosterEntrySchema.safeParse({ ...entry, arrivalTime: '25:00' }).success).toBe(false);
    expect(rosterEntrySchema.safeParse({ ...entry, status: 'present', arrivalTime: '07:52' }).success).toBe(false);
  });

  it('findings: each answer type is checked', () => {
    const base = { id: uuid, inspectionId, revision: 1, templateRef: 'MC@1', itemCode: 'MC-07', note: '', updatedAt: '2026-11-23T08:10:00+07:00' };
    expect(findingSchema.safeParse({ ...base, answer: { type: 'count', values: { received: 12, onTime: 10, overdue: 2 } } }).success).toBe(true);
    expect(findingSchema.safeParse({ ...base, answer: { type: 'count', values: { received: -1 } } }).success).toBe(false);
    expect(findingSchema.safeParse({ ...base, answer: { type: 'compliance', value: 'NC' } }).success).toBe(true);
    expect(findingSchema.safeParse({ ...base, answer: { type: 'compliance', value: 'maybe' } }).success).toBe(false);
    expect(findingSchema.safeParse({ ...base, answer: null }).success).toBe(true);
  });

  it('attachments and signatures', () => {
    const photo = { sha256: 'ab'.repeat(32), inspectionId, revision: 1, mime: 'image/jpeg', size: 1000, createdAt: '2026-11-23T08:10:00+07:00' };
    expect(attachmentSchema.safeParse(photo).success).toBe(true);
    expect(attachmentSchema.safeParse({ ...photo, sha256: 'xyz' }).error?.issues.map((i) => i.path[0])).toEqual(['sha256']);
    expect(attachmentSchema.safeParse({ ...photo, mime: 'text/html' }).error?.issues.map((i) => i.path[0])).toEqual(['mime']);
    const refused = { id: uuid, inspectionId, revision: 1, role: 'unit-representative', signerName: 'Võ Thành Nhân', mark: { kind: 'refused', reason: '', witness: 'Đặng Thu Hà' }, at: '2026-11-23T10:00:00+07:00' };
    expect(signatureSchema.safeParse(refused).error?.issues[0]?.message).toBe('err.signature.refusalReason');
  });

  it('units and legal bases', () => {
    expect(unitSchema.safeParse({ code: '31471', name: 'Phường Ninh Kiều', level: 'ward', province: 'Cần Thơ' }).success).toBe(true);
    expect(unitSchema.safeParse({ code: '31471', name: 'X', level: 'district', province: 'Cần Thơ' }).success).toBe(false);
    const basis = { id: 'ND61', shortName: 'NĐ61', number: '61/2018/NĐ-CP', kind: { vi: 'Nghị định', en: 'Decree' }, issuedOn: '2018-04-23', subject: { vi: 'Một cửa', en: 'One-stop' }, effectiveFrom: '2018-06-21', effectiveTo: '2018-01-01', source: 'G' };
    expect(legalBasisSchema.safeParse(basis).error?.issues[0]?.message).toBe('err.legalBasis.effectiveRange');
  });
});

describe('templates', () => {
  const gio = builtInTemplates[0]!;
  it('refuse duplicate item codes and codes of another template', () => {
    const dup = structuredClone(gio) as typeof gio;
    dup.sections[1]!.items[0]!.code = 'GIO-01';
    expect(templateSchema.safeParse(dup).error?.issues.map((i) => i.message)).toContain('err.template.duplicateItemCode');
    const foreign = structuredClone(gio) as typeof gio;
    foreign.sections[0]!.items[0]!.code = 'VH-99';
    expect(templateSchema.safeParse(foreign).error?.issues.map((i) => i.message)).toContain('err.template.itemCodePrefix');
  });

  it('a count item needs its numbers, a roster item its kind', () => {
    const bad = structuredClone(gio) as typeof gio;
    bad.sections[0]!.items[1]!.countFields = [];
    bad.sections[0]!.items[2]!.rosterKind = undefined;
    const messages = templateSchema.safeParse(bad).error?.issues.map((i) => i.message);
    expect(messages).toContain('err.template.countFieldsRequired');
    expect(messages).toContain('err.template.rosterKindRequired');
  });

  it('a published version is never replaced by different content', () => {
    expect(checkTemplatePublish(undefined, gio)).toEqual({ ok: true, action: 'insert' });
    expect(checkTemplatePublish(structuredClone(gio), gio)).toEqual({ ok: true, action: 'unchanged' });
    const edited = structuredClone(gio) as typeof gio;
    edited.sections[0]!.items[0]!.text.vi = 'Giờ đến';
    expect(checkTemplatePublish(gio, edited)).toEqual({ ok: false, code: 'err.template.publishedImmutable', ref: 'GIO@1' });
  });
});
