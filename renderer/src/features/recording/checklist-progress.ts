import { allItemResults, type ItemResult } from '@shared/inspection/item-results';
import type { InspectionRecord } from '@shared/inspection/record';
import { templateRef, type Template, type TemplateItem } from '@shared/schemas';

/** Items the inspector answers on the checklist (the per-person late time is part of the roll call). */
export function answerableItems(template: Template): TemplateItem[] {
  return template.sections.flatMap((s) => s.items).filter((i) => !i.perRosterRow);
}

/**
 * Each item's result, keyed `ref/code`: an item counts as answered only when the record can say
 * how it came out (a count item with a number left empty is not answered).
 */
export function resultsByItem(record: InspectionRecord, templates: readonly Template[]): Map<string, ItemResult> {
  const byRef = new Map(templates.map((t) => [templateRef(t), t]));
  return new Map(allItemResults(record, byRef).map((r) => [`${r.ref}/${r.item.code}`, r]));
}

export function isAnswered(results: ReadonlyMap<string, ItemResult>, template: Template, item: TemplateItem): boolean {
  const result = results.get(`${templateRef(template)}/${item.code}`);
  return result !== undefined && result.verdict !== 'unanswered';
}

export function progress(results: ReadonlyMap<string, ItemResult>, template: Template, items: TemplateItem[]): { done: number; total: number } {
  return { done: items.filter((i) => isAnswered(results, template, i)).length, total: items.length };
}
