import type { InspectionRecord } from '../../shared/inspection/record';
import { templateRef, type Template } from '../../shared/schemas';

/**
 * What a record must say about each checklist item, worked out here from the record itself and
 * independently of the app's code: the judgement word, the figures and names the result shows,
 * and the people the notes name. The property tests hold the PDF and the exports to it.
 */
export interface ExpectedItem {
  ref: string;
  code: string;
  /** The judgement as printed, '' where an item is only recorded (a time, an unruled count). */
  verdict: string;
  violation: boolean;
  /** Counted in the department's figures (a yes/no check, a list of people, a ruled count, the roll call). */
  judged: boolean;
  /** Text that the result must contain. */
  shows: string[];
  /** Names the notes column must contain. */
  names: string[];
}

const words = {
  requirement: { C: 'Đạt', NC: 'Không đạt', NA: 'Không áp dụng' },
  violation: { C: 'Không vi phạm', NC: 'Có vi phạm', NA: 'Không áp dụng' },
} as const;

const UNANSWERED = 'Chưa kiểm tra';

/** MC@2's rules, written out here rather than read from the app's evaluator. */
function ruledCount(ref: string, code: string, v: Record<string, number>): boolean | null {
  if (ref !== 'MC@2') return null;
  if (code === 'MC-05') return v['present']! >= v['assigned']!;
  if (code === 'MC-08') return v['withoutApology'] === 0;
  return null;
}

export function expectedItems(record: InspectionRecord, templates: readonly Template[]): ExpectedItem[] {
  const byRef = new Map(templates.map((t) => [templateRef(t), t]));
  const name = new Map(record.roster.map((r) => [r.id, r.name]));
  const ordered = [...record.roster].sort((a, b) => a.seq - b.seq);
  const complete = ordered.length > 0 && ordered.every((r) => r.status !== 'unmarked');
  const count = (s: string) => ordered.filter((r) => r.status === s).length;
  const out: ExpectedItem[] = [];
  for (const ref of record.inspection.templateRefs) {
    for (const item of byRef.get(ref)!.sections.flatMap((s) => s.items)) {
      const w = words[item.wording];
      const base = { ref, code: item.code };
      if (item.answerType === 'roster' && item.rosterKind === 'roll-call') {
        const breach = ordered.filter((r) => r.status === 'late' || r.status === 'unexcused');
        const shows = [`Tổng số ${ordered.length} người`, `có mặt ${count('present')}`, `đi muộn ${count('late')}`, `vắng có lý do ${count('excused')}`, `đi công tác ${count('on-mission')}`, `vắng không lý do ${count('unexcused')}`];
        const verdict = !complete ? UNANSWERED : breach.length > 0 ? w.NC : w.C;
        out.push({ ...base, verdict, violation: complete && breach.length > 0, judged: true, shows, names: complete ? breach.map((r) => r.name) : [] });
        continue;
      }
      if (item.perRosterRow) {
        const late = ordered.filter((r) => r.status === 'late');
        out.push({ ...base, verdict: complete ? '' : UNANSWERED, violation: false, judged: false, shows: complete ? (late.length ? late.map((r) => `${r.name}: ${r.arrivalTime}`) : ['Không có người đi muộn']) : [], names: [] });
        continue;
      }
      const f = record.findings.find((x) => x.templateRef === ref && x.itemCode === item.code);
      const a = f?.answer ?? null;
      const involved = item.answerType === 'roster' ? [] : (f?.involvedRosterIds ?? []).map((id) => name.get(id)!);
      const judged = item.answerType === 'compliance' || item.answerType === 'roster' || (item.answerType === 'count' && item.compliantWhen !== undefined);
      if (a === null) {
        out.push({ ...base, verdict: UNANSWERED, violation: false, judged, shows: [], names: involved });
        continue;
      }
      switch (a.type) {
        case 'compliance':
          out.push({ ...base, verdict: w[a.value], violation: a.value === 'NC', judged, shows: [], names: involved });
          break;
        case 'count': {
          const fields = item.countFields!;
          const shows = fields.map((fl) => `${fl.label.vi}: ${a.values[fl.key] ?? '…'} ${fl.unit.vi}`);
          if (fields.some((fl) => a.values[fl.key] === undefined)) out.push({ ...base, verdict: UNANSWERED, violation: false, judged, shows, names: involved });
          else {
            const holds = ruledCount(ref, item.code, a.values);
            out.push({ ...base, verdict: holds === null ? '' : holds ? w.C : w.NC, violation: holds === false, judged, shows, names: involved });
          }
          break;
        }
        case 'time':
        case 'text':
          out.push({ ...base, verdict: '', violation: false, judged, shows: [a.value], names: involved });
          break;
        case 'roster':
          out.push({ ...base, verdict: a.rosterIds.length ? w.NC : w.C, violation: a.rosterIds.length > 0, judged, shows: a.rosterIds.map((id) => name.get(id)!), names: [] });
          break;
      }
    }
  }
  return out;
}
