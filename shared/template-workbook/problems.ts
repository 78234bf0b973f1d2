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

/** Problems listed one by one; past these, a count (a sheet pasted in the wrong place makes thousands). */
export const MAX_LISTED_PROBLEMS = 200;

/** Collects every problem found, so the author sees them all at once rather than one per upload. */
export class ProblemList {
  private readonly items: WorkbookProblem[] = [];
  private total = 0;
  add(sheet: string, row: number | null, column: string | null, code: TemplateWorkbookMessageKey, params: WorkbookParams = {}): void {
    this.push(workbookProblem(sheet, row, column, code, params));
  }
  push(problem: WorkbookProblem): void {
    this.total += 1;
    if (this.items.length < MAX_LISTED_PROBLEMS) this.items.push(problem);
  }
  /** How many were found, listed or not. */
  get count(): number {
    return this.total;
  }
  /** The problems listed, and how many more there are when that is not all. */
  list(): WorkbookProblem[] {
    const more = this.total - this.items.length;
    return more > 0 ? [...this.items, workbookProblem('', null, null, 'wb.moreProblems', { count: more })] : [...this.items];
  }
}

/** "Mục kiểm tra!7 Kiểu trả lời: …": one problem on one line, as the command line prints it. */
export function problemLine(p: WorkbookProblem, language: 'vi' | 'en' = 'vi'): string {
  // A problem with the file as a whole (not an .xlsx, too large) has no sheet to name.
  if (p.sheet === '') return p.message[language];
  const where = `${p.sheet}${p.row === null ? '' : `!${p.row}`}${p.column === null ? '' : ` ${p.column}`}`;
  return `${where}: ${p.message[language]}`;
}
