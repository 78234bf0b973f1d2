import type { Template } from '../schemas';
import type { InspectionSummary } from '../report/summary';
import { isJudgedItem } from '../inspection/item-results';
import type { InspectionFacts } from './facts';

export interface DashboardFilter {
  /** Inclusive days, YYYY-MM-DD; empty for no bound. */
  from?: string;
  to?: string;
  unitCode?: string;
  templateId?: string;
  /** The team, by its leader's name. */
  leader?: string;
}

export interface Dashboard {
  summary: InspectionSummary;
  perMonth: Array<{ month: string; inspections: number; violations: number }>;
  rollCall: { staff: number; present: number; late: number; unexcused: number; lateOver30: number; maxLateMinutes: number };
  /** Officials named in two or more breaches. */
  repeatOffenders: InspectionSummary['officials'];
  overdue: number;
}

export function matchesFilter(f: InspectionFacts, filter: DashboardFilter): boolean {
  if (filter.from && f.day < filter.from) return false;
  if (filter.to && f.day > filter.to) return false;
  if (filter.unitCode && f.unitCode !== filter.unitCode) return false;
  if (filter.templateId && !f.templateIds.includes(filter.templateId)) return false;
  if (filter.leader && f.leader !== filter.leader) return false;
  return true;
}

/**
 * Adds up the facts of the inspections that pass the filter: the figures of the dashboard, and the
 * same summary the period report (PDF, XLSX) prints. `today` decides what is overdue.
 */
/**
 * The period a report covers: the filter's days where given; an open end is the first or last
 * inspection, or (none in it) today, so a report of an empty period still names real days.
 */
function periodOf(filter: DashboardFilter, days: readonly string[], today: string): { from: string; to: string } | null {
  if (!filter.from && !filter.to) return days.length ? { from: days[0]!, to: days.at(-1)! } : null;
  const from = filter.from || days[0] || (filter.to! < today ? filter.to! : today);
  const to = filter.to || days.at(-1) || (today > from ? today : from);
  return { from, to };
}

export function buildDashboard(all: readonly InspectionFacts[], templates: ReadonlyMap<string, Template>, filter: DashboardFilter, today: string): Dashboard {
  const facts = all.filter((f) => matchesFilter(f, filter));
  const collator = new Intl.Collator('vi');
  const months = new Map<string, Dashboard['perMonth'][number]>();
  const units = new Map<string, InspectionSummary['units'][number]>();
  // An item was checked in every inspection that used its checklist, less those where it was left
  // unanswered or not applicable: counted per checklist, not per item of every inspection.
  const usedRef = new Map<string, number>();
  const unchecked = new Map<string, number>();
  const violated = new Map<string, number>();
  const officials = new Map<string, InspectionSummary['officials'][number]>();
  const rollCall = { staff: 0, present: 0, late: 0, unexcused: 0, lateOver30: 0, maxLateMinutes: 0 };
  const inspections: InspectionSummary['inspections'] = [];
  const recommendations: InspectionSummary['recommendations'] = [];
  for (const f of facts) {
    const m = months.get(f.month) ?? { month: f.month, inspections: 0, violations: 0 };
    months.set(f.month, m);
    m.inspections += 1;
    m.violations += f.violations;
    const u = units.get(f.unitCode) ?? { unitCode: f.unitCode, unitName: f.unitName, inspections: 0, violations: 0, staff: 0, present: 0, late: 0, unexcused: 0 };
    units.set(f.unitCode, u);
    u.inspections += 1;
    u.violations += f.violations;
    u.staff += f.staff;
    u.present += f.present;
    u.late += f.late;
    u.unexcused += f.unexcused;
    rollCall.staff += f.staff;
    rollCall.present += f.present;
    rollCall.late += f.late;
    rollCall.unexcused += f.unexcused;
    rollCall.lateOver30 += f.lateOver30;
    rollCall.maxLateMinutes = Math.max(rollCall.maxLateMinutes, f.maxLateMinutes);
    for (const ref of f.templateRefs) usedRef.set(ref, (usedRef.get(ref) ?? 0) + 1);
    for (const k of f.unchecked) unchecked.set(k, (unchecked.get(k) ?? 0) + 1);
    for (const k of f.violated) violated.set(k, (violated.get(k) ?? 0) + 1);
    for (const o of f.officials) {
      const row = officials.get(o.key) ?? { name: o.name, position: o.position, unitName: f.unitName, violations: 0, what: [] };
      officials.set(o.key, row);
      row.violations += 1;
      row.what.push(o.what);
    }
    inspections.push({ id: f.id, revision: f.revision, day: f.day, unitCode: f.unitCode, unitName: f.unitName, status: f.status, violations: f.violations, contentHash: f.contentHash || null });
    for (const r of f.recommendations) recommendations.push({ unitName: f.unitName, day: f.day, target: r.target, measure: r.measure, text: r.text, deadline: r.deadline, overdue: r.deadline !== null && r.deadline < today });
  }
  // One row per checklist item, whichever versions of its checklist the inspections used (MC@1 and
  // MC@2 records count under one MC-05); its words are those of the newest version.
  const items = new Map<string, InspectionSummary['items'][number]>();
  const byVersion = [...templates].sort(([, a], [, b]) => a.version - b.version);
  for (const [ref, template] of byVersion) {
    for (const section of template.sections) {
      for (const item of section.items) {
        if (!isJudgedItem(item)) continue;
        const key = `${ref}/${item.code}`;
        const checked = (usedRef.get(ref) ?? 0) - (unchecked.get(key) ?? 0);
        const row = items.get(`${template.id}/${item.code}`) ?? { templateId: template.id, code: item.code, text: '', critical: false, checked: 0, violations: 0 };
        items.set(`${template.id}/${item.code}`, { ...row, text: item.text.vi, critical: item.critical, checked: row.checked + checked, violations: row.violations + (violated.get(key) ?? 0) });
      }
    }
  }
  const days = inspections.map((i) => i.day).sort();
  const officialRows = [...officials.values()].sort((a, b) => b.violations - a.violations || collator.compare(a.name, b.name));
  const recs = recommendations.sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || collator.compare(a.unitName, b.unitName));
  return {
    summary: {
      period: periodOf(filter, days, today),
      inspections: inspections.sort((a, b) => a.day.localeCompare(b.day) || collator.compare(a.unitName, b.unitName)),
      units: [...units.values()].sort((a, b) => b.violations - a.violations || collator.compare(a.unitName, b.unitName)),
      items: [...items.values()].filter((i) => i.checked > 0 || i.violations > 0).sort((a, b) => b.violations - a.violations || a.templateId.localeCompare(b.templateId) || a.code.localeCompare(b.code)),
      officials: officialRows,
      recommendations: recs,
    },
    perMonth: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
    rollCall,
    repeatOffenders: officialRows.filter((o) => o.violations >= 2),
    overdue: recs.filter((r) => r.overdue).length,
  };
}
