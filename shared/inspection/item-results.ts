import { templateRef, type CountCondition, type Finding, type RosterEntry, type Template, type TemplateItem, type TemplateSection } from '../schemas';
import type { InspectionRecord } from './record';
import { rollCallComplete, rollCallCounts, rollCallOrder, type RollCallCounts } from './roll-call';

/**
 * How one checklist item came out: compliant, a violation, not applicable, a figure recorded
 * without a judgement (a time, a number with no rule), or not answered.
 */
export type Verdict = 'compliant' | 'violation' | 'not-applicable' | 'recorded' | 'unanswered';

/** One person named in a breach, and what the breach was ("late", "absent without reason", or the item). */
export interface Breach {
  rosterId: string;
  kind: 'late' | 'unexcused' | 'item';
}

export interface ItemResult {
  ref: string;
  section: TemplateSection;
  item: TemplateItem;
  /** The stored answer; absent for the items the roll call answers (the roll call, the late arrivals). */
  finding: Finding | undefined;
  verdict: Verdict;
  /** Whether the department counts the item (it can be judged): yes/no checks, lists of people, ruled counts, the roll call. */
  judged: boolean;
  /** People in breach, in roll-call order. */
  breaches: Breach[];
  /** Count fields left empty (the item is then unanswered). */
  missingFields: string[];
  /** For the roll call: its figures. */
  rollCall?: RollCallCounts;
  /** For the per-person time item: each late person's arrival time, in roll-call order. */
  lateArrivals?: Array<{ rosterId: string; time: string }>;
}

export interface TemplateResults {
  ref: string;
  template: Template | undefined;
  items: ItemResult[];
}

const compare: Record<CountCondition['op'], (a: number, b: number) => boolean> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
};

/** Whether a count item's numbers meet its template's rule; null when the template states none. */
export function countRuleHolds(item: TemplateItem, values: Readonly<Record<string, number>>): boolean | null {
  if (!item.compliantWhen) return null;
  return item.compliantWhen.every((c) => {
    const left = values[c.field];
    const right = 'field' in c.than ? values[c.than.field] : c.than.value;
    return left !== undefined && right !== undefined && compare[c.op](left, right);
  });
}

export function isRollCallItem(item: TemplateItem): boolean {
  return item.answerType === 'roster' && item.rosterKind === 'roll-call';
}

/** Whether an item can be compliant or not, and so is counted in the department's figures. */
export function isJudgedItem(item: TemplateItem): boolean {
  if (item.perRosterRow) return false;
  if (item.answerType === 'compliance' || item.answerType === 'roster') return true;
  return item.answerType === 'count' && item.compliantWhen !== undefined;
}

function rollCallResult(base: Omit<ItemResult, 'verdict' | 'breaches' | 'missingFields'>, roster: readonly RosterEntry[]): ItemResult {
  const counts = rollCallCounts(roster);
  if (!rollCallComplete(roster)) return { ...base, verdict: 'unanswered', breaches: [], missingFields: [], rollCall: counts };
  const breaches: Breach[] = [];
  for (const r of rollCallOrder(roster)) {
    if (r.status === 'late') breaches.push({ rosterId: r.id, kind: 'late' });
    if (r.status === 'unexcused') breaches.push({ rosterId: r.id, kind: 'unexcused' });
  }
  return { ...base, verdict: breaches.length > 0 ? 'violation' : 'compliant', breaches, missingFields: [], rollCall: counts };
}

function answeredResult(base: Omit<ItemResult, 'verdict' | 'breaches' | 'missingFields'>): ItemResult {
  const { item, finding } = base;
  const answer = finding?.answer ?? null;
  const involved = (ids: readonly string[]): Breach[] => ids.map((rosterId) => ({ rosterId, kind: 'item' }));
  const none = { breaches: [], missingFields: [] };
  if (answer === null) {
    return { ...base, verdict: 'unanswered', breaches: [], missingFields: item.answerType === 'count' ? (item.countFields ?? []).map((f) => f.key) : [] };
  }
  switch (answer.type) {
    case 'compliance':
      if (answer.value === 'NC') return { ...base, verdict: 'violation', breaches: involved(finding!.involvedRosterIds), missingFields: [] };
      return { ...base, verdict: answer.value === 'C' ? 'compliant' : 'not-applicable', ...none };
    case 'count': {
      const missingFields = (item.countFields ?? []).map((f) => f.key).filter((k) => answer.values[k] === undefined);
      if (missingFields.length > 0) return { ...base, verdict: 'unanswered', breaches: [], missingFields };
      const holds = countRuleHolds(item, answer.values);
      if (holds === null) return { ...base, verdict: 'recorded', ...none };
      return holds ? { ...base, verdict: 'compliant', ...none } : { ...base, verdict: 'violation', breaches: involved(finding!.involvedRosterIds), missingFields: [] };
    }
    case 'roster':
      return answer.rosterIds.length > 0 ? { ...base, verdict: 'violation', breaches: involved(answer.rosterIds), missingFields: [] } : { ...base, verdict: 'compliant', ...none };
    case 'time':
    case 'text':
      return { ...base, verdict: 'recorded', ...none };
  }
}

/**
 * Every item of every checklist of the record, in template order, with how it came out: the one
 * reading of a record that the app, the PDF, the summaries and the exports all print and count.
 * The roll call and the late arrivals are read from the roll call itself, never from a copy.
 */
export function itemResults(record: InspectionRecord, templates: ReadonlyMap<string, Template>): TemplateResults[] {
  const findings = new Map(record.findings.map((f) => [`${f.templateRef}/${f.itemCode}`, f]));
  const onRoster = new Set(record.roster.map((r) => r.id));
  return record.inspection.templateRefs.map((ref) => {
    const template = templates.get(ref);
    if (!template) return { ref, template, items: [] };
    const items: ItemResult[] = [];
    for (const section of template.sections) {
      for (const item of section.items) {
        const base = { ref: templateRef(template), section, item, finding: findings.get(`${ref}/${item.code}`), judged: isJudgedItem(item) };
        if (isRollCallItem(item)) items.push(rollCallResult(base, record.roster));
        else if (item.perRosterRow) {
          const lateArrivals = rollCallOrder(record.roster).flatMap((r) => (r.status === 'late' && r.arrivalTime ? [{ rosterId: r.id, time: r.arrivalTime }] : []));
          items.push({ ...base, verdict: rollCallComplete(record.roster) ? 'recorded' : 'unanswered', breaches: [], missingFields: [], lateArrivals });
        } else {
          const result = answeredResult(base);
          // A person removed from the roll call is not named.
          items.push({ ...result, breaches: result.breaches.filter((b) => onRoster.has(b.rosterId)) });
        }
      }
    }
    return { ref, template, items };
  });
}

/** The results of every item, flattened, for counting. */
export function allItemResults(record: InspectionRecord, templates: ReadonlyMap<string, Template>): ItemResult[] {
  return itemResults(record, templates).flatMap((t) => t.items);
}
