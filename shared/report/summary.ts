import type { InspectionRecord } from '../inspection/record';
import { templateRef, type Template } from '../schemas';
import { countedItem, itemOutcome, officialKey } from '../review/facts';
import { isoDay } from '../time/local-iso';
import { measureLabel } from './labels';

/** The team lead's figures over a set of inspections: what the summary PDF and XLSX both show. */
export interface InspectionSummary {
  period: { from: string; to: string } | null;
  inspections: Array<{ id: string; revision: number; day: string; unitCode: string; unitName: string; status: string; violations: number; contentHash: string | null }>;
  units: Array<{ unitCode: string; unitName: string; inspections: number; violations: number; staff: number; present: number; late: number; unexcused: number }>;
  items: Array<{ ref: string; code: string; text: string; critical: boolean; checked: number; violations: number }>;
  officials: Array<{ name: string; position: string; unitName: string; violations: number; what: string[] }>;
  recommendations: Array<{ unitName: string; day: string; target: string; measure: string; text: string; deadline: string | null; overdue: boolean }>;
}

/**
 * Counts per unit and per checklist item, the officials named in violations (and unexcused
 * absences), and every recommendation with its deadline; `today` decides what is overdue.
 */
export function summarizeInspections(records: readonly InspectionRecord[], templates: readonly Template[], today: string): InspectionSummary {
  const byRef = new Map(templates.map((t) => [templateRef(t), t]));
  const units = new Map<string, InspectionSummary['units'][number]>();
  const items = new Map<string, InspectionSummary['items'][number]>();
  const officials = new Map<string, InspectionSummary['officials'][number]>();
  const inspections: InspectionSummary['inspections'] = [];
  const recommendations: InspectionSummary['recommendations'] = [];
  const days: string[] = [];

  for (const record of records) {
    const i = record.inspection;
    const day = isoDay(i.arrival.at);
    days.push(day);
    const unit = units.get(i.unit.code) ?? { unitCode: i.unit.code, unitName: i.unit.name, inspections: 0, violations: 0, staff: 0, present: 0, late: 0, unexcused: 0 };
    units.set(i.unit.code, unit);
    unit.inspections += 1;
    unit.staff += record.roster.length;
    for (const r of record.roster) {
      if (r.status === 'present') unit.present += 1;
      if (r.status === 'late') unit.late += 1;
      if (r.status === 'unexcused') unit.unexcused += 1;
    }
    const name = (id: string) => record.roster.find((r) => r.id === id);
    const blame = (rosterId: string, what: string) => {
      const person = name(rosterId);
      if (!person) return;
      const key = officialKey(i.unit.code, person);
      const o = officials.get(key) ?? { name: person.name, position: person.position, unitName: i.unit.name, violations: 0, what: [] };
      officials.set(key, o);
      o.violations += 1;
      o.what.push(`${day}: ${what}`);
    };
    let violations = 0;
    for (const ref of i.templateRefs) {
      const tpl = byRef.get(ref);
      if (!tpl) continue;
      for (const section of tpl.sections) {
        for (const item of section.items) {
          if (!countedItem(item)) continue;
          const key = `${ref}/${item.code}`;
          const row = items.get(key) ?? { ref, code: item.code, text: item.text.vi, critical: item.critical, checked: 0, violations: 0 };
          items.set(key, row);
          const v = itemOutcome(item, record, ref);
          if (v.checked) row.checked += 1;
          if (v.violated) {
            row.violations += 1;
            violations += 1;
            for (const id of v.people) blame(id, `${item.code} ${item.text.vi}`);
          }
        }
      }
    }
    for (const r of record.roster) if (r.status === 'unexcused') blame(r.id, 'Vắng không lý do');
    unit.violations += violations;
    inspections.push({ id: i.id, revision: i.revision, day, unitCode: i.unit.code, unitName: i.unit.name, status: i.status, violations, contentHash: i.contentHash ?? null });
    for (const rec of record.recommendations) {
      const target = rec.target.kind === 'unit' ? i.unit.name : rec.target.kind === 'person' ? (name(rec.target.rosterId)?.name ?? '?') : `Nội dung ${rec.target.itemCode}`;
      recommendations.push({
        unitName: i.unit.name,
        day,
        target,
        measure: measureLabel[rec.measure],
        text: rec.text,
        deadline: rec.deadline ?? null,
        overdue: rec.deadline !== undefined && rec.deadline < today,
      });
    }
  }
  days.sort();
  const collator = new Intl.Collator('vi');
  return {
    period: days.length ? { from: days[0]!, to: days.at(-1)! } : null,
    inspections: inspections.sort((a, b) => a.day.localeCompare(b.day) || collator.compare(a.unitName, b.unitName)),
    units: [...units.values()].sort((a, b) => b.violations - a.violations || collator.compare(a.unitName, b.unitName)),
    items: [...items.values()].sort((a, b) => b.violations - a.violations || a.ref.localeCompare(b.ref) || a.code.localeCompare(b.code)),
    officials: [...officials.values()].sort((a, b) => b.violations - a.violations || collator.compare(a.name, b.name)),
    recommendations: recommendations.sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || collator.compare(a.unitName, b.unitName)),
  };
}
