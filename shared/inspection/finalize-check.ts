import type { Template } from '../schemas';
import { isoDay } from '../time/local-iso';
import { itemResults } from './item-results';
import type { InspectionRecord } from './record';
import { signerOfRepresentative } from './representatives';

export type IssueField = 'recordNumber' | 'symbol' | 'agency' | 'parentAgency';

export type FinalizeProblem =
  | { code: 'err.finalize.unanswered'; itemCode: string }
  | { code: 'err.finalize.countMissing'; itemCode: string; field: string }
  | { code: 'err.finalize.ncNeedsNote'; itemCode: string }
  | { code: 'err.finalize.rollCallEmpty' }
  | { code: 'err.finalize.rollCallUnmarked'; count: number }
  | { code: 'err.finalize.signatureMissing'; role: 'leader' | 'recorder' | 'unit-representative' }
  | { code: 'err.finalize.templateMissing'; ref: string }
  | { code: 'err.finalize.issueMissing'; field: IssueField }
  | { code: 'err.finalize.representativesMissing' }
  | { code: 'err.finalize.representativeNotListed'; name: string }
  | { code: 'err.finalize.deadlineBeforeInspection'; deadline: string }
  | { code: 'err.finalize.notDraft' };

const signatureRoles = ['unit-representative', 'recorder', 'leader'] as const;

/** Who issues the record and its number: printed in its header, so never left to a default. */
function issueProblems(record: InspectionRecord): FinalizeProblem[] {
  const i = record.inspection;
  const values: Record<IssueField, string> = {
    recordNumber: i.recordNumber,
    symbol: i.issuer?.symbol ?? '',
    agency: i.issuer?.agency ?? '',
    parentAgency: i.issuer?.parentAgency ?? '',
  };
  return (Object.keys(values) as IssueField[]).filter((f) => values[f].trim() === '').map((field) => ({ code: 'err.finalize.issueMissing', field }));
}

/**
 * What still stands between a draft and a signed-off record: who issues it and its number, the
 * unit's representatives, required items unanswered, the roll call incomplete, a non-compliance
 * without its description, a signature (or refusal) missing or by someone the record does not list.
 */
export function checkFinalizable(record: InspectionRecord, templates: ReadonlyMap<string, Template>): FinalizeProblem[] {
  const problems: FinalizeProblem[] = [];
  if (record.inspection.status !== 'draft') problems.push({ code: 'err.finalize.notDraft' });
  problems.push(...issueProblems(record));
  if (record.inspection.unitRepresentatives.length === 0) problems.push({ code: 'err.finalize.representativesMissing' });
  for (const { ref, template, items } of itemResults(record, templates)) {
    if (!template) {
      problems.push({ code: 'err.finalize.templateMissing', ref });
      continue;
    }
    for (const result of items) {
      const { item, verdict, finding } = result;
      if (result.rollCall) {
        if (record.roster.length === 0) problems.push({ code: 'err.finalize.rollCallEmpty' });
        else if (result.rollCall.unmarked > 0) problems.push({ code: 'err.finalize.rollCallUnmarked', count: result.rollCall.unmarked });
        continue;
      }
      // Asked once per late person, and answered in the roll call itself.
      if (item.perRosterRow) continue;
      if (verdict === 'unanswered') {
        if (!item.required) continue;
        if (finding?.answer && result.missingFields.length > 0) {
          for (const field of result.missingFields) problems.push({ code: 'err.finalize.countMissing', itemCode: item.code, field });
        } else problems.push({ code: 'err.finalize.unanswered', itemCode: item.code });
        continue;
      }
      if (item.answerType === 'compliance' && verdict === 'violation' && finding!.note.trim() === '') {
        problems.push({ code: 'err.finalize.ncNeedsNote', itemCode: item.code });
      }
    }
  }
  for (const role of signatureRoles) {
    if (!record.signatures.some((s) => s.role === role)) problems.push({ code: 'err.finalize.signatureMissing', role });
  }
  // A deadline to remedy cannot fall before the inspection found what is to be remedied.
  const day = isoDay(record.inspection.arrival.at);
  for (const r of record.recommendations) {
    if (r.deadline !== undefined && r.deadline < day) problems.push({ code: 'err.finalize.deadlineBeforeInspection', deadline: r.deadline });
  }
  for (const s of record.signatures) {
    if (s.role === 'unit-representative' && !signerOfRepresentative(record.inspection, s)) {
      problems.push({ code: 'err.finalize.representativeNotListed', name: s.signerName });
    }
  }
  return problems;
}
