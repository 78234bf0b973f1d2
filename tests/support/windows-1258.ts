/**
 * Text as Vietnamese Windows saves it in code page 1258: a precomposed letter where the code page
 * has one (â, ê, ô, ơ, ư, ă, đ, á…), else the letter and a combining tone mark. Built from Node's
 * own decoder, not from the app's table, so tests check one against the other.
 */
const decoder = new TextDecoder('windows-1258');
const byChar = new Map<string, number>(Array.from({ length: 256 }, (_, b) => [decoder.decode(new Uint8Array([b])), b]));

export function encodeWindows1258(text: string): Buffer {
  const out: number[] = [];
  for (const c of text.normalize('NFC')) {
    if (byChar.has(c)) {
      out.push(byChar.get(c)!);
      continue;
    }
    // NFD puts a dot below before a circumflex: compose the base with whichever mark the code page has.
    const [base, ...marks] = [...c.normalize('NFD')];
    const i = marks.findIndex((m) => byChar.has((base! + m).normalize('NFC')));
    const parts = i < 0 ? [base!, ...marks] : [(base! + marks[i]).normalize('NFC'), ...marks.filter((_, j) => j !== i)];
    for (const part of parts) {
      const byte = byChar.get(part);
      if (byte === undefined) throw new Error(`"${part}" is not in Windows-1258`);
      out.push(byte);
    }
  }
  return Buffer.from(out);
}
