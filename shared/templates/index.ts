import { templateSchema, type Template } from '../schemas';
import { gioTemplate } from './gio';
import { mcTemplate, mcTemplateV2 } from './mc';
import { vhTemplate } from './vh';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Every published version of the three checklists every installation ships with, parsed (defaults
 * filled) and frozen throughout: old versions stay, for the records answered against them.
 */
export const builtInTemplates: readonly Template[] = deepFreeze([gioTemplate, vhTemplate, mcTemplate, mcTemplateV2].map((t) => templateSchema.parse(t)));

/** The newest version of each template, in the order first met. */
export function newestVersions(templates: readonly Template[]): Template[] {
  const newest = new Map<string, Template>();
  for (const t of templates) {
    const seen = newest.get(t.id);
    if (!seen || t.version > seen.version) newest.set(t.id, t);
  }
  return [...newest.values()];
}

/** What a new inspection is answered against: GIO, VH and MC in their newest versions. */
export const currentBuiltInTemplates: readonly Template[] = Object.freeze(newestVersions(builtInTemplates));
