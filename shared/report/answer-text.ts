import type { Breach, ItemResult, Verdict } from '../inspection/item-results';
import type { TemplateItem } from '../schemas';
import { attendanceLabel, complianceLabel } from './labels';

/** The judgement in words, as the record and the exports write it; breach-worded items say "Có vi phạm". */
export function verdictText(item: TemplateItem, verdict: Verdict): string {
  switch (verdict) {
    case 'compliant':
      return complianceLabel[item.wording].C;
    case 'violation':
      return complianceLabel[item.wording].NC;
    case 'not-applicable':
      return complianceLabel[item.wording].NA;
    case 'recorded':
      return 'Ghi nhận';
    case 'unanswered':
      return 'Chưa kiểm tra';
  }
}

/**
 * What was found, in words, without the judgement: the numbers, the time, the people named, the
 * roll call's figures. Empty for a yes/no check, whose answer is the judgement itself.
 */
export function findingText(result: ItemResult, name: (rosterId: string) => string): string {
  const { item, finding } = result;
  if (result.rollCall) {
    const c = result.rollCall;
    const parts = [`có mặt ${c.present}`, `đi muộn ${c.late}`, `vắng có lý do ${c.excused}`, `đi công tác ${c['on-mission']}`, `vắng không lý do ${c.unexcused}`];
    if (c.unmarked > 0) parts.push(`chưa điểm danh ${c.unmarked}`);
    return `Tổng số ${c.total} người: ${parts.join(', ')}`;
  }
  if (result.lateArrivals) {
    if (result.verdict === 'unanswered') return '';
    return result.lateArrivals.length === 0 ? 'Không có người đi muộn' : result.lateArrivals.map((l) => `${name(l.rosterId)}: ${l.time}`).join('; ');
  }
  const answer = finding?.answer;
  if (!answer) return '';
  switch (answer.type) {
    case 'compliance':
      return '';
    case 'count':
      return (item.countFields ?? []).map((f) => `${f.label.vi}: ${answer.values[f.key] ?? '…'} ${f.unit.vi}`).join('; ');
    case 'time':
    case 'text':
      return answer.value;
    case 'roster':
      // Nobody named: the judgement ("Không vi phạm") says it all.
      return answer.rosterIds.map(name).join('; ');
  }
}

/** The judgement as a column of its own (the exports): empty where nothing is judged, only recorded. */
export function verdictColumn(result: ItemResult): string {
  return result.verdict === 'recorded' ? '' : verdictText(result.item, result.verdict);
}

/** The result cell of the record's findings table: the judgement, then what was found. */
export function resultCellText(result: ItemResult, name: (rosterId: string) => string): string {
  return [verdictColumn(result), findingText(result, name)].filter(Boolean).join('\n');
}

/** A breach as listed under an official's name. */
export function breachText(result: ItemResult, breach: Breach): string {
  if (breach.kind === 'late') return attendanceLabel.late;
  if (breach.kind === 'unexcused') return attendanceLabel.unexcused;
  return `${result.item.code} ${result.item.text.vi}`;
}

/**
 * The people a finding names besides its answer: for the roll call, who was late or absent without
 * reason; for other items, the people involved the inspector chose (a list-of-people answer already
 * names its people in the result).
 */
export function involvedText(result: ItemResult, name: (rosterId: string) => string): string {
  if (result.rollCall) {
    const late = result.breaches.filter((b) => b.kind === 'late').map((b) => name(b.rosterId));
    const absent = result.breaches.filter((b) => b.kind === 'unexcused').map((b) => name(b.rosterId));
    return [late.length ? `${attendanceLabel.late}: ${late.join('; ')}` : '', absent.length ? `${attendanceLabel.unexcused}: ${absent.join('; ')}` : ''].filter(Boolean).join('\n');
  }
  if (result.item.answerType === 'roster' || !result.finding) return '';
  return result.finding.involvedRosterIds.map(name).join('; ');
}
