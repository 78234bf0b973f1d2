import { templateSchema, type Template, type TemplateInput } from '../schemas';
import type { LegalBasis } from '../schemas/legal-basis';
import type { SheetCells } from './cells';
import type { itemsSheet, ColumnKey } from './layout';
import { ProblemList } from './problems';
import { readCountFields, readHead, readSections, type SectionRead } from './read-head';
import { readItem, type ItemRead } from './read-items';
import { readLegalBases } from './read-legal-bases';
import { readSheets, type ReadSheet } from './sheet-reader';
import type { WorkbookProblem } from './types';
import { placeIssue } from './zod-issues';

export interface WorkbookRead {
  ok: boolean;
  problems: WorkbookProblem[];
  template?: Template;
  /** The legal bases the workbook writes out (those refused are among the problems). */
  legalBases: LegalBasis[];
  /** Where the template's version is written, for a problem found later (the version already published). */
  versionAt?: { sheet: string; row: number; column: string };
}

export interface ReadOptions {
  /** Bases a reference may cite without the workbook writing them out (the hub's and the built-in ones). */
  knownLegalBases: readonly LegalBasis[];
}

/**
 * A checklist template from the cells of a workbook's sheets. Every problem is reported at once,
 * each at its sheet, row and column; the template schema has the last word, its issues placed back
 * on the rows they came from.
 */
export function templateFromSheets(sheets: readonly SheetCells[], options: ReadOptions): WorkbookRead {
  const problems = new ProblemList();
  const found = readSheets(sheets, problems);
  const head = readHead(found.template, problems);
  const { bases, named } = readLegalBases(found.legalBases, problems);
  const sections = readSections(found.sections, head.id, problems);
  const countFields = readCountFields(found.countFields, problems);

  const itemSheet = found.items as ReadSheet<ColumnKey<typeof itemsSheet>> | undefined;
  const items: ItemRead[] = [];
  let itemRows = 0;
  if (itemSheet?.usable) {
    const context = {
      templateId: head.id,
      sections: found.sections?.usable ? new Set(sections.map((s) => s.code)) : null,
      bases: new Set([...named, ...options.knownLegalBases.map((b) => b.id)]),
      countFields,
    };
    const seen = new Map<string, number>();
    for (const row of itemSheet.rows) {
      itemRows += 1;
      const read = readItem(itemSheet, row, context, seen, problems);
      if (read) items.push(read);
    }
    for (const [code, fields] of countFields) {
      if (seen.has(code)) continue;
      for (const f of fields) problems.add(f.sheet, f.row.row, f.row.column('item'), 'wb.fieldUnknownItem', { value: code });
    }
    if (itemRows === 0) problems.add(itemSheet.name, null, null, 'wb.empty');
  }
  if (itemSheet?.usable && itemRows > 0) {
    const used = new Set(items.map((i) => i.section));
    const written = new Set(itemSheet.rows.map((r) => r.text('section')));
    for (const s of sections) if (!used.has(s.code) && !written.has(s.code)) problems.add(found.sections!.name, s.row.row, s.row.column('code'), 'wb.emptySection', { value: s.code });
  }

  if (problems.count > 0 || head.id === null || head.version === null || head.title === null || head.publishedAt === null) {
    return { ok: false, problems: problems.list(), legalBases: bases };
  }
  const placed = placeSections(sections, items);
  const input: TemplateInput = { id: head.id, version: head.version, title: head.title, publishedAt: head.publishedAt, sections: placed.map((p) => p.section) };
  const parsed = templateSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(placeIssue(issue, { head, found, placed }));
    return { ok: false, problems: problems.list(), legalBases: bases };
  }
  const versionAt = { sheet: found.template!.name, row: head.row!.row, column: head.row!.column('version') };
  return { ok: true, problems: [], template: parsed.data, legalBases: bases, versionAt };
}

export interface PlacedSection {
  section: TemplateInput['sections'][number];
  read: SectionRead;
  items: ItemRead[];
}

/** Sections in the order the Sections sheet writes them, each with its items in the Items sheet's order. */
function placeSections(sections: SectionRead[], items: ItemRead[]): PlacedSection[] {
  return sections.map((read) => {
    const own = items.filter((i) => i.section === read.code);
    return { read, items: own, section: { code: read.code, title: read.title!, items: own.map((i) => i.item!) } };
  });
}
