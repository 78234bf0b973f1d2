import { fillMessage, templateWorkbookMessagesEn, templateWorkbookMessagesVi, type TemplateWorkbookMessageKey, type WorkbookParams } from '../messages/template-workbook-messages';
import type { WorkbookProblem } from './types';

/** A problem with its message in both languages, where the author will look for it. */
export function workbookProblem(sheet: string, row: number | null, column: string | null, code: TemplateWorkbookMessageKey, params: WorkbookParams = {}): WorkbookProblem {
  return {
    sheet,
    row,
    column,
    code,
    params,
    message: { vi: fillMessage(templateWorkbookMessagesVi[code], params), en: fillMessage(templateWorkbookMessagesEn[code], params) },
  };
}

/** Collects every problem found, so the author sees them all at once rather than one per upload. */
export class ProblemList {
  readonly items: WorkbookProblem[] = [];
  add(sheet: string, row: number | null, column: string | null, code: TemplateWorkbookMessageKey, params: WorkbookParams = {}): void {
    this.items.push(workbookProblem(sheet, row, column, code, params));
  }
  get count(): number {
    return this.items.length;
  }
}

/** "Mục kiểm tra!7 Kiểu trả lời: …": one problem on one line, as the command line prints it. */
export function problemLine(p: WorkbookProblem, language: 'vi' | 'en' = 'vi'): string {
  // A problem with the file as a whole (not an .xlsx, too large) has no sheet to name.
  if (p.sheet === '') return p.message[language];
  const where = `${p.sheet}${p.row === null ? '' : `!${p.row}`}${p.column === null ? '' : ` ${p.column}`}`;
  return `${where}: ${p.message[language]}`;
}
