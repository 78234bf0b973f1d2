import type { Template } from '../schemas';
import type { LegalBasis } from '../schemas/legal-basis';
import type { CellValue, SheetColumnOut, SheetOut } from './cells';
import { dayCell, instantCell } from './dates';
import { guideSheet } from './guide';
import { countFieldsSheet, itemsSheet, legalBasesSheet, sectionsSheet, templateSheet, type SheetDef } from './layout';
import { TEMPLATE_WORKBOOK_FORMAT } from './types';
import {
  answerTypeChoices,
  choiceName,
  formatReferences,
  formatRule,
  NO,
  prefillChoices,
  rosterKindChoices,
  wordingChoices,
  YES,
  type Choice,
} from './vocabulary';

const names = (choices: ReadonlyArray<Choice<string>>) => choices.map((c) => c.name);
const PICK: Record<string, readonly string[]> = {
  'items.answerType': names(answerTypeChoices),
  'items.critical': [YES, NO],
  'items.required': [YES, NO],
  'items.perRosterRow': [YES, NO],
  'items.wording': names(wordingChoices),
  'items.rosterKind': names(rosterKindChoices),
  'items.prefill': names(prefillChoices),
  'legalBases.source': ['R', 'R2', 'G'],
};

function columns(def: SheetDef): SheetColumnOut[] {
  return def.columns.map((c) => {
    const choices = PICK[`${def.key}.${c.key}`];
    return { header: c.label, width: c.width, format: c.format ?? 'text', ...(choices ? { choices } : {}) };
  });
}

const yesNo = (value: boolean) => (value ? YES : NO);

/**
 * A template and the legal bases it cites as the workbook's sheets, in the layout the reader reads:
 * reading them back gives the same template.
 */
export function sheetsFromTemplate(template: Template, bases: readonly LegalBasis[]): SheetOut[] {
  const items = template.sections.flatMap((s) => s.items.map((item) => ({ section: s.code, item })));
  const itemRows: CellValue[][] = items.map(({ section, item }) => [
    item.code,
    section,
    item.text.vi,
    item.text.en,
    choiceName(answerTypeChoices, item.answerType),
    yesNo(item.critical),
    yesNo(item.required),
    choiceName(wordingChoices, item.wording),
    formatReferences(item.legalRefs) || null,
    item.basisNote?.vi ?? null,
    item.basisNote?.en ?? null,
    item.rosterKind ? choiceName(rosterKindChoices, item.rosterKind) : null,
    item.perRosterRow ? YES : null,
    item.prefill ? choiceName(prefillChoices, item.prefill) : null,
    item.compliantWhen ? formatRule(item.compliantWhen) : null,
  ]);
  const fieldRows: CellValue[][] = items.flatMap(({ item }) =>
    (item.countFields ?? []).map((f) => [item.code, f.key, f.label.vi, f.label.en, f.unit.vi, f.unit.en]),
  );
  const basisRows: CellValue[][] = [...bases]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((b) => [
      b.id,
      b.shortName,
      b.number,
      b.kind.vi,
      b.kind.en,
      b.issuer?.vi ?? null,
      b.issuer?.en ?? null,
      dayCell(b.issuedOn),
      b.subject.vi,
      b.subject.en,
      dayCell(b.effectiveFrom),
      dayCell(b.effectiveTo),
      b.source,
    ]);
  return [
    {
      name: templateSheet.name,
      columns: columns(templateSheet),
      rows: [[template.id, template.version, template.title.vi, template.title.en, instantCell(template.publishedAt), TEMPLATE_WORKBOOK_FORMAT]],
    },
    { name: sectionsSheet.name, columns: columns(sectionsSheet), rows: template.sections.map((s) => [s.code, s.title.vi, s.title.en]) },
    { name: itemsSheet.name, columns: columns(itemsSheet), rows: itemRows },
    { name: countFieldsSheet.name, columns: columns(countFieldsSheet), rows: fieldRows },
    { name: legalBasesSheet.name, columns: columns(legalBasesSheet), rows: basisRows },
    guideSheet(),
  ];
}

/** The legal bases a template cites, each once, from those given (cited ids not among them are left out). */
export function citedBases(template: Template, bases: readonly LegalBasis[]): LegalBasis[] {
  const cited = new Set(template.sections.flatMap((s) => s.items.flatMap((i) => i.legalRefs.map((r) => r.basisId))));
  const byId = new Map(bases.map((b) => [b.id, b]));
  return [...cited].flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}
