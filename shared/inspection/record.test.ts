import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { templateRef } from '../schemas';
import { builtInTemplates } from '../templates';
import { findAuditBreak, nextAuditEntry, type AuditEntry } from '../audit/audit-chain';
import { buildCorrection } from './correction';
import { checkFinalizable } from './finalize-check';
import { finalizeRecord } from './finalize';
import { inspectionRecordSchema, recordBlobHashes, recordBody, recordContentHash } from './record';
import { sampleCompleteRecord } from './sample';

const templates = new Map(builtInTemplates.map((t) => [templateRef(t), t]));
const NOW = '2026-11-23T10:15:00.000+07:00';

describe('finalizing a record', () => {
  it('accepts a complete record, locks it and stores the hash of its canonical JSON', () => {
    const result = finalizeRecord(sampleCompleteRecord(), templates, NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { inspection } = result.record;
    expect(inspection).toMatchObject({ status: 'finalized', finalizedAt: NOW });
    // An independent RFC 8785 implementation gives the same bytes, hence the same hash.
    const independent = createHash('sha256').update(canonicalize(recordBody(result.record))!).digest('hex');
    expect(inspection.contentHash).toBe(independent);
    expect(inspectionRecordSchema.parse(result.record)).toEqual(result.record);
  });

  it('gives the same hash whatever order the rows and keys come in', () => {
    const result = finalizeRecord(sampleCompleteRecord(), templates, NOW);
    if (!result.ok) throw new Error('not finalizable');
    const shuffled = structuredClone(result.record);
    shuffled.findings.reverse();
    shuffled.roster.reverse();
    shuffled.signatures.reverse();
    shuffled.inspection = Object.fromEntries(Object.entries(shuffled.inspection).reverse()) as typeof shuffled.inspection;
    expect(recordContentHash(shuffled)).toBe(result.record.inspection.contentHash);
    const changed = structuredClone(result.record);
    changed.findings[0]!.note = 'x';
    expect(recordContentHash(changed)).not.toBe(result.record.inspection.contentHash);
  });

  it('lists what is missing: unanswered items, unmarked roll call, NC without note, signatures', () => {
    const record = sampleCompleteRecord();
    record.findings.find((f) => f.itemCode === 'VH-03')!.answer = null;
    record.findings.find((f) => f.itemCode === 'MC-07')!.answer = { type: 'count', values: { received: 3 } };
    const nc = record.findings.find((f) => f.itemCode === 'VH-09')!;
    nc.note = '  ';
    record.roster[0]!.status = 'unmarked';
    record.signatures = record.signatures.filter((s) => s.role !== 'leader');
    const problems = checkFinalizable(record, templates);
    expect(problems).toEqual(
      expect.arrayContaining([
        { code: 'err.finalize.unanswered', itemCode: 'VH-03' },
        { code: 'err.finalize.countMissing', itemCode: 'MC-07', field: 'onTime' },
        { code: 'err.finalize.ncNeedsNote', itemCode: 'VH-09' },
        { code: 'err.finalize.rollCallUnmarked', count: 1 },
        { code: 'err.finalize.signatureMissing', role: 'leader' },
      ]),
    );
    expect(finalizeRecord(record, templates, NOW).ok).toBe(false);
  });

  it('accepts a refusal to sign in place of a signature', () => {
    const record = sampleCompleteRecord();
    const rep = record.signatures.find((s) => s.role === 'unit-representative')!;
    rep.mark = { kind: 'refused', reason: 'Không đồng ý với kết quả điểm danh', witness: 'Đặng Thu Hà' };
    expect(checkFinalizable(record, templates)).toEqual([]);
  });

  it('refuses to finalize twice', () => {
    const result = finalizeRecord(sampleCompleteRecord(), templates, NOW);
    if (!result.ok) throw new Error('not finalizable');
    expect(checkFinalizable(result.record, templates)).toContainEqual({ code: 'err.finalize.notDraft' });
  });

  it('names every blob it refers to', () => {
    const record = sampleCompleteRecord();
    record.attachments.push({ sha256: 'a'.repeat(64), reportCopySha256: 'b'.repeat(64), inspectionId: record.inspection.id, revision: 1, mime: 'image/jpeg', size: 10, caption: '', createdAt: NOW });
    expect(recordBlobHashes(record)).toEqual(['1'.repeat(64), '2'.repeat(64), '3'.repeat(64), 'a'.repeat(64), 'b'.repeat(64)]);
  });
});

describe('corrections', () => {
  it('start a new draft revision linked to the finalized one, with fresh ids and no signatures', () => {
    const result = finalizeRecord(sampleCompleteRecord(), templates, NOW);
    if (!result.ok) throw new Error('not finalizable');
    const correction = buildCorrection(result.record, 'Ghi sai giờ đến của một công chức', NOW, () => crypto.randomUUID());
    expect(correction.inspection).toMatchObject({
      id: result.record.inspection.id,
      revision: 2,
      status: 'draft',
      correction: { replacesRevision: 1, replacesHash: result.record.inspection.contentHash, reason: 'Ghi sai giờ đến của một công chức' },
    });
    expect(correction.inspection.contentHash).toBeUndefined();
    expect(correction.signatures).toEqual([]);
    const oldIds = new Set(result.record.roster.map((r) => r.id));
    expect(correction.roster.every((r) => !oldIds.has(r.id) && r.revision === 2)).toBe(true);
    const vh01 = correction.findings.find((f) => f.itemCode === 'VH-01')!;
    expect(vh01.answer).toEqual({ type: 'roster', rosterIds: [correction.roster[1]!.id] });
    expect(inspectionRecordSchema.safeParse(correction).success).toBe(true);
    expect(() => buildCorrection(correction, 'x', NOW, () => crypto.randomUUID())).toThrow('err.correction.notFinalized');
  });
});

describe('audit log', () => {
  const id = '019aadf8-51a0-7b2c-9d3e-0123456789ab';
  function chain(n: number): AuditEntry[] {
    const entries: AuditEntry[] = [];
    for (let i = 0; i < n; i++) {
      entries.push(nextAuditEntry(id, entries.at(-1), { at: NOW, actor: 'Lê Hoàng Yến', action: 'finding.answer', detail: { itemCode: `GIO-${i}`, value: 'C' } }));
    }
    return entries;
  }

  it('links each entry to the previous one', () => {
    const entries = chain(5);
    expect(entries.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(entries[0]!.prevHash).toBe('0'.repeat(64));
    expect(entries[3]!.prevHash).toBe(entries[2]!.hash);
    expect(findAuditBreak(entries)).toBe(-1);
  });

  it('detects an edited, removed or reordered entry', () => {
    const edited = chain(5);
    edited[2] = { ...edited[2]!, detail: { itemCode: 'GIO-2', value: 'NC' } };
    expect(findAuditBreak(edited)).toBe(2);
    const removed = chain(5);
    removed.splice(1, 1);
    expect(findAuditBreak(removed)).toBe(1);
    const swapped = chain(5);
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    expect(findAuditBreak(swapped)).toBe(3);
  });
});

describe('deadlines', () => {
  it('are refused before the inspection day: by the finalize check, and in a finalized record that arrives', () => {
    const draft = sampleCompleteRecord();
    draft.recommendations[0]!.deadline = '2026-11-22';
    expect(checkFinalizable(draft, templates)).toContainEqual({ code: 'err.finalize.deadlineBeforeInspection', deadline: '2026-11-22' });
    const good = finalizeRecord(sampleCompleteRecord(), templates, '2026-11-23T10:00:00.000+07:00');
    if (!good.ok) throw new Error('sample not finalizable');
    const arrived = structuredClone(good.record);
    arrived.recommendations[0]!.deadline = '2026-11-22';
    expect(inspectionRecordSchema.safeParse(arrived).error?.issues.map((i) => i.message)).toContain('err.recommendation.deadlineBeforeInspection');
  });
});
