import { canonicalJson } from '../hash/canonical-json';
import type { Template, TemplateItem } from '../schemas';
import type { TemplateDiff } from './types';

const ITEM_FIELDS = [
  'text', 'answerType', 'critical', 'required', 'wording', 'legalRefs', 'basisNote', 'countFields', 'compliantWhen', 'rosterKind', 'perRosterRow', 'prefill',
] as const satisfies ReadonlyArray<keyof TemplateItem>;

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function itemsBySection(t: Template): Map<string, { item: TemplateItem; section: string }> {
  return new Map(t.sections.flatMap((s) => s.items.map((item) => [item.code, { item, section: s.code }] as const)));
}

/** What changed from one version of a template to the next, item codes being the items' identity. */
export function diffTemplates(old: Template, next: Template): TemplateDiff {
  const oldSections = new Map(old.sections.map((s) => [s.code, s]));
  const newSections = new Map(next.sections.map((s) => [s.code, s]));
  const oldItems = itemsBySection(old);
  const newItems = itemsBySection(next);
  const changed: TemplateDiff['changed'] = [];
  const moved: TemplateDiff['moved'] = [];
  for (const [code, now] of newItems) {
    const was = oldItems.get(code);
    if (!was) continue;
    const fields = ITEM_FIELDS.filter((f) => !same(was.item[f], now.item[f]));
    if (fields.length > 0) changed.push({ code, fields });
    if (was.section !== now.section) moved.push({ code, from: was.section, to: now.section });
  }
  return {
    titleChanged: !same(old.title, next.title),
    sections: {
      added: [...newSections.keys()].filter((c) => !oldSections.has(c)),
      removed: [...oldSections.keys()].filter((c) => !newSections.has(c)),
      renamed: [...newSections.values()].filter((s) => oldSections.has(s.code) && !same(oldSections.get(s.code)!.title, s.title)).map((s) => s.code),
    },
    added: [...newItems.keys()].filter((c) => !oldItems.has(c)),
    removed: [...oldItems.keys()].filter((c) => !newItems.has(c)),
    changed,
    moved,
  };
}
