import type { InspectionRecord } from '@shared/inspection/record';
import { templateRef, type Template, type TemplateItem } from '@shared/schemas';

/** Items the inspector answers on the checklist (the per-person late time is part of the roll call). */
export function answerableItems(template: Template): TemplateItem[] {
  return template.sections.flatMap((s) => s.items).filter((i) => !i.perRosterRow);
}

export function isAnswered(record: InspectionRecord, template: Template, item: TemplateItem): boolean {
  if (item.answerType === 'roster' && item.rosterKind === 'roll-call') {
    return record.roster.length > 0 && record.roster.every((r) => r.status !== 'unmarked');
  }
  const ref = templateRef(template);
  return record.findings.some((f) => f.templateRef === ref && f.itemCode === item.code && f.answer !== null);
}

export function progress(record: InspectionRecord, template: Template, items: TemplateItem[]): { done: number; total: number } {
  return { done: items.filter((i) => isAnswered(record, template, i)).length, total: items.length };
}
