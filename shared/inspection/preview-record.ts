import { FORMAT_VERSION } from '../format-version';
import { answerSchema, findingSchema, type Answer, type Finding, type Template } from '../schemas';
import { toLocalIso } from '../time/local-iso';
import { toggledInRosterOrder, withCountValue } from './finding-edits';
import { initialRows } from './initial-rows';
import { buildDraftInspection } from './new-inspection';
import type { InspectionRecord } from './record';
import { sampleNewInspectionInput } from './sample';

const previewStaff = [
  { name: 'Phạm Minh Khôi', position: 'Chủ tịch UBND xã', department: 'Lãnh đạo' },
  { name: 'Võ Thị Thu Hằng', position: 'Công chức', department: 'Văn phòng - Thống kê' },
  { name: 'Đặng Quốc Bảo', position: 'Công chức', department: 'Tư pháp - Hộ tịch' },
  { name: 'Huỳnh Ngọc Ánh', position: 'Công chức', department: 'Bộ phận Một cửa' },
];

/**
 * A new draft inspection of the sample unit (four staff on its roll call) against one template,
 * made as the app makes one: what the console's preview answers in memory, never stored.
 */
export function previewRecord(template: Template, at: Date): InspectionRecord {
  const input = sampleNewInspectionInput();
  input.templateRefs = [`${template.id}@${template.version}`];
  input.unit.staff = previewStaff.map((p) => ({ id: globalThis.crypto.randomUUID(), ...p }));
  const inspection = buildDraftInspection(input, { arrivedAt: at, monotonicMs: 0, now: at });
  const { roster, findings } = initialRows(inspection, [template], () => globalThis.crypto.randomUUID());
  return { formatVersion: FORMAT_VERSION, inspection, roster, findings, recommendations: [], attachments: [], signatures: [] };
}

/** An edit of one finding as the app's checklist makes it (the same rules as its store's mutations). */
export type FindingEdit =
  | { kind: 'answer'; answer: Answer | null }
  | { kind: 'note'; note: string }
  | { kind: 'count'; field: string; value: number | null }
  | { kind: 'involved' | 'violator'; rosterId: string; include: boolean };

/** The record with one finding edited, checked by the finding's schema; an unknown finding is refused. */
export function editPreviewFinding(record: InspectionRecord, findingId: string, edit: FindingEdit, now: Date): InspectionRecord {
  const finding = record.findings.find((f) => f.id === findingId);
  if (!finding) throw new Error('err.record.notFound');
  const next: Finding = { ...finding, updatedAt: toLocalIso(now) };
  switch (edit.kind) {
    case 'answer':
      next.answer = edit.answer === null ? null : answerSchema.parse(edit.answer);
      break;
    case 'note':
      next.note = edit.note;
      break;
    case 'count':
      next.answer = withCountValue(finding.answer, edit.field, edit.value);
      break;
    case 'involved':
      next.involvedRosterIds = toggledInRosterOrder(record.roster, finding.involvedRosterIds, edit.rosterId, edit.include);
      break;
    case 'violator': {
      const current = finding.answer?.type === 'roster' ? finding.answer.rosterIds : [];
      next.answer = { type: 'roster', rosterIds: toggledInRosterOrder(record.roster, current, edit.rosterId, edit.include) };
      break;
    }
  }
  const parsed = findingSchema.parse(next);
  return { ...record, findings: record.findings.map((f) => (f.id === findingId ? parsed : f)) };
}
