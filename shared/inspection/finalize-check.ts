import { templateItems, templateRef, type Template } from '../schemas';
import type { InspectionRecord } from './record';

export type FinalizeProblem =
  | { code: 'err.finalize.unanswered'; itemCode: string }
  | { code: 'err.finalize.countMissing'; itemCode: string; field: string }
  | { code: 'err.finalize.ncNeedsNote'; itemCode: string }
  | { code: 'err.finalize.rollCallEmpty' }
  | { code: 'err.finalize.rollCallUnmarked'; count: number }
  | { code: 'err.finalize.signatureMissing'; role: 'leader' | 'recorder' | 'unit-representative' }
  | { code: 'err.finalize.templateMissing'; ref: string }
  | { code: 'err.finalize.notDraft' };

const signatureRoles = ['unit-representative', 'recorder', 'leader'] as const;

/**
 * What still stands between a draft and a signed-off record: required items unanswered, the roll
 * call incomplete, a non-compliance without its description, a signature (or refusal) missing.
 */
export function checkFinalizable(record: InspectionRecord, templates: ReadonlyMap<string, Template>): FinalizeProblem[] {
  const problems: FinalizeProblem[] = [];
  if (record.inspection.status !== 'draft') problems.push({ code: 'err.finalize.notDraft' });
  const findings = new Map(record.findings.map((f) => [`${f.templateRef}/${f.itemCode}`, f]));
  for (const ref of record.inspection.templateRefs) {
    const template = templates.get(ref);
    if (!template) {
      problems.push({ code: 'err.finalize.templateMissing', ref });
      continue;
    }
    for (const item of templateItems(template)) {
      if (item.answerType === 'roster' && item.rosterKind === 'roll-call') {
        const unmarked = record.roster.filter((r) => r.status === 'unmarked').length;
        if (record.roster.length === 0) problems.push({ code: 'err.finalize.rollCallEmpty' });
        else if (unmarked > 0) problems.push({ code: 'err.finalize.rollCallUnmarked', count: unmarked });
        continue;
      }
      // Asked once per late person, and answered in the roll call itself.
      if (item.perRosterRow) continue;
      const finding = findings.get(`${templateRef(template)}/${item.code}`);
      const answer = finding?.answer ?? null;
      if (answer === null) {
        if (item.required) problems.push({ code: 'err.finalize.unanswered', itemCode: item.code });
        continue;
      }
      if (answer.type === 'count') {
        for (const field of item.countFields ?? []) {
          if (answer.values[field.key] === undefined) {
            problems.push({ code: 'err.finalize.countMissing', itemCode: item.code, field: field.key });
          }
        }
      }
      if (answer.type === 'compliance' && answer.value === 'NC' && finding!.note.trim() === '') {
        problems.push({ code: 'err.finalize.ncNeedsNote', itemCode: item.code });
      }
    }
  }
  for (const role of signatureRoles) {
    if (!record.signatures.some((s) => s.role === role)) problems.push({ code: 'err.finalize.signatureMissing', role });
  }
  return problems;
}
