import { z } from 'zod';
import { templateRef, templateRefSchema, type Template } from '../schemas';

/** The hub's change of kind "template-retired": that version is no longer offered for new inspections. */
export const TEMPLATE_RETIRED_KIND = 'template-retired';
export const templateRetiredSchema = z.object({ ref: templateRefSchema, retiredAt: z.string().max(64) });
export type TemplateRetired = z.infer<typeof templateRetiredSchema>;

/** Built-in checklists first in their usual order, then the department's own by id. */
const usualOrder = ['GIO', 'VH', 'MC'];
function rank(id: string): number {
  const i = usualOrder.indexOf(id);
  return i === -1 ? usualOrder.length : i;
}

/**
 * What a new inspection may be answered against: for each template id, its newest version that is
 * not retired (an id whose versions are all retired is not offered). Retiring only stops new use:
 * records and drafts already made with a version keep it, and it stays stored for them.
 */
export function offeredTemplates(templates: readonly Template[], retired: Iterable<string>): Template[] {
  const gone = new Set(retired);
  const newest = new Map<string, Template>();
  for (const t of templates) {
    if (gone.has(templateRef(t))) continue;
    const seen = newest.get(t.id);
    if (!seen || t.version > seen.version) newest.set(t.id, t);
  }
  return [...newest.values()].sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
}
