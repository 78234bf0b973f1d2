import { allItemResults } from '../inspection/item-results';
import type { InspectionRecord } from '../inspection/record';
import { parseTemplateRef, templateRef, type InspectionStatus, type Template } from '../schemas';
import { isoDay } from '../time/local-iso';
import { breachText } from '../report/answer-text';
import { measureLabel } from '../report/labels';
import { vnDate } from '../report/vn-date';

/** Lateness beyond this many minutes is counted apart (the department's own threshold). */
export const LONG_LATENESS_MINUTES = 30;

/**
 * Version of how facts are read from a record. Stored facts of an older version are computed again
 * from their records (the roll call and ruled counts became judged items in version 2; the day
 * before each breach is written dd/mm/yyyy since version 3).
 */
export const FACTS_VERSION = 3;

/**
 * What the department's dashboard needs from one inspection, computed once when it is imported:
 * the dashboard then adds up small rows instead of walking every finding of every record.
 */
export interface InspectionFacts {
  factsVersion: number;
  id: string;
  revision: number;
  status: InspectionStatus;
  contentHash: string;
  day: string;
  /** YYYY-MM, for the per-month chart. */
  month: string;
  unitCode: string;
  unitName: string;
  province: string;
  templateIds: string[];
  templateRefs: string[];
  /** The team leader's name: the department tells teams apart by who led them. */
  leader: string;
  staff: number;
  present: number;
  late: number;
  unexcused: number;
  lateOver30: number;
  /** Longest lateness in minutes after the team's arrival; 0 when nobody was late. */
  maxLateMinutes: number;
  violations: number;
  /**
   * Counted checklist items (`ref/code`) left unanswered or not applicable: usually none, so the
   * row stays small (every other counted item of the record's checklists was checked). And the
   * items breached.
   */
  unchecked: string[];
  violated: string[];
  /** One entry per breach by a named person (late and unexcused absences included). */
  officials: Array<{ key: string; name: string; position: string; what: string }>;
  recommendations: Array<{ target: string; measure: string; text: string; deadline: string | null }>;
}

/** Vietnam keeps one time zone, UTC+7: the roll call's clock times are read in it. */
const VIETNAM_OFFSET_MINUTES = 7 * 60;

/** The time of day, in Vietnam, of an ISO instant (whatever offset it was written with). */
function vietnamMinutesOfDay(iso: string): number {
  const minutes = Math.floor(Date.parse(iso) / 60_000) + VIETNAM_OFFSET_MINUTES;
  return ((minutes % 1440) + 1440) % 1440;
}

function minutesOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** The same official across inspections: the unit's staff id, or the name within the unit. */
export function officialKey(unitCode: string, person: { staffId?: string; name: string }): string {
  return `${unitCode}/${person.staffId ?? person.name.normalize('NFC').toLocaleLowerCase('vi')}`;
}

export function inspectionFacts(record: InspectionRecord, templates: ReadonlyMap<string, Template>): InspectionFacts {
  const i = record.inspection;
  const day = isoDay(i.arrival.at);
  const arrivedAt = vietnamMinutesOfDay(i.arrival.at);
  const facts: InspectionFacts = {
    factsVersion: FACTS_VERSION,
    id: i.id,
    revision: i.revision,
    status: i.status,
    contentHash: i.contentHash ?? '',
    day,
    month: day.slice(0, 7),
    unitCode: i.unit.code,
    unitName: i.unit.name,
    province: i.unit.province,
    templateIds: i.templateRefs.map((ref) => parseTemplateRef(ref).id),
    templateRefs: [...i.templateRefs],
    leader: i.team.find((m) => m.role === 'leader')?.name ?? '',
    staff: record.roster.length,
    present: 0,
    late: 0,
    unexcused: 0,
    lateOver30: 0,
    maxLateMinutes: 0,
    violations: 0,
    unchecked: [],
    violated: [],
    officials: [],
    recommendations: [],
  };
  const person = new Map(record.roster.map((r) => [r.id, r]));
  const blame = (rosterId: string, what: string) => {
    const p = person.get(rosterId);
    if (p) facts.officials.push({ key: officialKey(i.unit.code, p), name: p.name, position: p.position, what: `${vnDate(day)}: ${what}` });
  };
  for (const r of record.roster) {
    if (r.status === 'present') facts.present += 1;
    else if (r.status === 'unexcused') facts.unexcused += 1;
    else if (r.status === 'late') {
      facts.late += 1;
      const minutes = r.arrivalTime ? Math.max(0, minutesOfDay(r.arrivalTime) - arrivedAt) : 0;
      if (minutes > LONG_LATENESS_MINUTES) facts.lateOver30 += 1;
      facts.maxLateMinutes = Math.max(facts.maxLateMinutes, minutes);
    }
  }
  for (const result of allItemResults(record, templates)) {
    if (!result.judged) continue;
    const key = `${result.ref}/${result.item.code}`;
    if (result.verdict === 'unanswered' || result.verdict === 'not-applicable') facts.unchecked.push(key);
    if (result.verdict !== 'violation') continue;
    facts.violated.push(key);
    facts.violations += 1;
    for (const b of result.breaches) blame(b.rosterId, breachText(result, b));
  }
  for (const rec of record.recommendations) {
    const target = rec.target.kind === 'unit' ? i.unit.name : rec.target.kind === 'person' ? (person.get(rec.target.rosterId)?.name ?? '?') : `Nội dung ${rec.target.itemCode}`;
    facts.recommendations.push({ target, measure: measureLabel[rec.measure], text: rec.text, deadline: rec.deadline ?? null });
  }
  return facts;
}

export function templatesByRef(templates: readonly Template[]): Map<string, Template> {
  return new Map(templates.map((t) => [templateRef(t), t]));
}
