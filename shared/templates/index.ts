import { templateSchema, type Template } from '../schemas';
import { gioTemplate } from './gio';
import { mcTemplate } from './mc';
import { vhTemplate } from './vh';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The three checklists every installation ships with, parsed (defaults filled) and frozen throughout. */
export const builtInTemplates: readonly Template[] = deepFreeze([gioTemplate, vhTemplate, mcTemplate].map((t) => templateSchema.parse(t)));
