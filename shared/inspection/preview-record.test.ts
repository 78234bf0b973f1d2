import { describe, expect, it } from 'vitest';
import { inspectionRecordSchema } from './record';
import { allItemResults } from './item-results';
import { editPreviewFinding, previewRecord } from './preview-record';
import { sampleDepartmentTemplate } from '../templates/sample-department';

const at = new Date('2026-12-04T02:00:00Z');
const template = sampleDepartmentTemplate(2);

describe('the console preview record', () => {
  it('is a valid new draft against the one template, a finding per item and four people on its roll call', () => {
    const record = previewRecord(template, at);
    expect(inspectionRecordSchema.safeParse(record).success).toBe(true);
    expect(record.inspection.templateRefs).toEqual(['ANG@2']);
    expect(record.findings.map((f) => f.itemCode)).toEqual(['ANG-01', 'ANG-02', 'ANG-03']);
    expect(record.roster).toHaveLength(4);
  });

  it('is answered in memory with the store mutations rules: counts kept field by field, people in roll-call order', () => {
    let record = previewRecord(template, at);
    const id = (code: string) => record.findings.find((f) => f.itemCode === code)!.id;
    record = editPreviewFinding(record, id('ANG-01'), { kind: 'count', field: 'present', value: 2 }, at);
    record = editPreviewFinding(record, id('ANG-01'), { kind: 'count', field: 'assigned', value: 3 }, at);
    expect(record.findings[0]!.answer).toEqual({ type: 'count', values: { present: 2, assigned: 3 } });
    // The template's rule judges it, as in the app.
    expect(allItemResults(record, new Map([['ANG@2', template]])).find((r) => r.item.code === 'ANG-01')?.verdict).toBe('violation');
    record = editPreviewFinding(record, id('ANG-01'), { kind: 'count', field: 'present', value: null }, at);
    record = editPreviewFinding(record, id('ANG-01'), { kind: 'count', field: 'assigned', value: null }, at);
    expect(record.findings[0]!.answer).toBeNull();

    const [first, second] = record.roster;
    record = editPreviewFinding(record, id('ANG-03'), { kind: 'violator', rosterId: second!.id, include: true }, at);
    record = editPreviewFinding(record, id('ANG-03'), { kind: 'violator', rosterId: first!.id, include: true }, at);
    expect(record.findings[2]!.answer).toEqual({ type: 'roster', rosterIds: [first!.id, second!.id] });
    record = editPreviewFinding(record, id('ANG-02'), { kind: 'answer', answer: { type: 'compliance', value: 'NC' } }, at);
    record = editPreviewFinding(record, id('ANG-02'), { kind: 'note', note: 'Bảng niêm yết cũ' }, at);
    record = editPreviewFinding(record, id('ANG-02'), { kind: 'involved', rosterId: first!.id, include: true }, at);
    expect(record.findings[1]).toMatchObject({ answer: { type: 'compliance', value: 'NC' }, note: 'Bảng niêm yết cũ', involvedRosterIds: [first!.id] });
    expect(inspectionRecordSchema.safeParse(record).success).toBe(true);
  });

  it('refuses an unknown finding and a malformed answer, leaving the record as it was', () => {
    const record = previewRecord(template, at);
    expect(() => editPreviewFinding(record, 'nope', { kind: 'note', note: 'x' }, at)).toThrow('err.record.notFound');
    const bad = { type: 'compliance', value: 'MAYBE' } as unknown as null;
    expect(() => editPreviewFinding(record, record.findings[1]!.id, { kind: 'answer', answer: bad }, at)).toThrow();
    expect(record.findings[1]!.answer).toBeNull();
  });
});
