import { templateSchema, type Template } from '../schemas';
import { gioTemplate } from './gio';
import { mcTemplate } from './mc';
import { vhTemplate } from './vh';

/** The three checklists every installation ships with, parsed (defaults filled) and frozen. */
export const builtInTemplates: readonly Template[] = Object.freeze(
  [gioTemplate, vhTemplate, mcTemplate].map((t) => Object.freeze(templateSchema.parse(t))),
);
