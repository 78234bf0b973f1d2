import { MAX_LOCAL_TEXT, type LocalText } from '../schemas/common';
import type { ProblemList } from './problems';
import type { ReadRow, ReadSheet } from './sheet-reader';

/** Reading one row's cells into values, each problem noted against its cell. */
export class RowReader<K extends string> {
  constructor(
    private readonly sheet: ReadSheet<K>,
    readonly row: ReadRow<K>,
    private readonly problems: ProblemList,
  ) {}

  add(key: K, code: Parameters<ProblemList['add']>[3], params: Parameters<ProblemList['add']>[4] = {}): void {
    this.problems.add(this.sheet.name, this.row.row, this.row.column(key), code, params);
  }

  /** The cell's text, or null (with its problem) when it is empty but required, or longer than max. */
  text(key: K, max: number, required: boolean): string | null {
    const text = this.row.text(key);
    if (text === '') {
      if (required && !this.row.refused(key)) this.add(key, 'wb.required');
      return null;
    }
    if (text.length > max) {
      this.add(key, 'wb.tooLong', { length: text.length, max });
      return null;
    }
    return text;
  }

  /** Both languages of one text; undefined when both cells are empty and the text is optional. */
  localText(vi: K, en: K, required: boolean): LocalText | null | undefined {
    const both = this.row.text(vi) !== '' || this.row.text(en) !== '' || required;
    if (!both) return undefined;
    const v = this.text(vi, MAX_LOCAL_TEXT, true);
    const e = this.text(en, MAX_LOCAL_TEXT, true);
    return v === null || e === null ? null : { vi: v, en: e };
  }
}
