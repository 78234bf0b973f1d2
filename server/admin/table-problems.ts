import type { TableSpec } from '@shared/roster-import/headers';
import type { TableProblem } from '@shared/roster-import/read-table';

const quoted = (names: string[]) => names.map((n) => `“${n}”`).join(', ');

export interface Said {
  vi: string;
  en: string;
}

/** Why a whole file was refused, in both languages, naming the headers as the file wrote them. */
export function sayTableProblem(problem: TableProblem): Said {
  switch (problem.code) {
    case 'tooLarge': {
      const mb = Math.round(problem.maxBytes / 1024 / 1024);
      return { vi: `tệp lớn hơn ${mb} MB`, en: `the file is larger than ${mb} MB` };
    }
    case 'notText':
      return { vi: 'không đọc được như văn bản (tệp nhị phân, hoặc UTF-16 thiếu BOM); hãy lưu dạng "CSV UTF-8"', en: 'it is not readable as text (a binary file, or UTF-16 without its byte-order mark); save it as "CSV UTF-8"' };
    case 'badUtf16':
      return { vi: 'UTF-16 bị hỏng (số byte lẻ hoặc ký tự sai)', en: 'damaged UTF-16 (odd number of bytes or invalid characters)' };
    case 'unclosedQuote':
      return { vi: `dấu ngoặc kép mở ở dòng ${problem.line} không được đóng`, en: `the quote opened on line ${problem.line} is never closed` };
    case 'empty':
      return { vi: 'tệp không có dòng nào', en: 'the file has no rows' };
    case 'tooManyRows':
      return { vi: `tệp có hơn ${problem.max} dòng`, en: `the file has more than ${problem.max} rows` };
    case 'tooManyColumns':
      return { vi: `tệp có hơn ${problem.max} cột`, en: `the file has more than ${problem.max} columns` };
    case 'unknownHeaders':
      return { vi: `cột không rõ ở dòng tiêu đề ${problem.line}: ${quoted(problem.headers)}`, en: `unknown column(s) in the header on line ${problem.line}: ${quoted(problem.headers)}` };
    case 'missingHeaders':
      return { vi: `thiếu cột: ${quoted(problem.headers)}`, en: `missing column(s): ${quoted(problem.headers)}` };
    case 'repeatedHeaders':
      return { vi: `cột bị đặt tên hai lần: ${quoted(problem.headers)}`, en: `column(s) named twice: ${quoted(problem.headers)}` };
    case 'unnamedColumns':
      return { vi: `cột ${problem.columns.join(', ')} có dữ liệu nhưng không có tên ở dòng ${problem.line}`, en: `column(s) ${problem.columns.join(', ')} hold data but have no name on line ${problem.line}` };
  }
}

/** The administrator's reading (English, for the command line). */
export function describeTableProblem(problem: TableProblem): string {
  return sayTableProblem(problem).en;
}

/** "Mã đơn vị*, Tên đơn vị*, Cấp, …": what a header may name, the required ones starred. */
export function describeColumns<K extends string>(spec: TableSpec<K>): string {
  const label = (k: K) => spec.columns.find((c) => c.key === k)?.label ?? k;
  const columns = spec.columns.map((c) => {
    if (c.required) return `${c.label}*`;
    if (c.requiredWith?.length) return `${c.label} (needed with ${c.requiredWith.map(label).join(' or ')})`;
    return c.label;
  });
  return `${columns.join(', ')}; ${spec.ignored.slice(0, 2).join('/')} is ignored (* required)`;
}
