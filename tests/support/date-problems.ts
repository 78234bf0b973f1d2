/** What on a page is not a Vietnamese date or time: ISO days, US or unpadded days, 12-hour or unpadded times. */
export function dateProblems(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(/\b\d{4}-\d{2}-\d{2}\b/g)) problems.push(`ISO day ${m[0]}`);
  for (const m of text.matchAll(/\b(\d{1,2})\/(\d{1,2})\/(\d{2,4})\b/g)) {
    const [, d, mo, y] = m;
    if (d!.length !== 2 || mo!.length !== 2 || y!.length !== 4 || Number(mo) > 12 || Number(d) > 31) problems.push(`not dd/mm/yyyy ${m[0]}`);
  }
  for (const m of text.matchAll(/\b\d{1,2}:\d{2}(?::\d{2})?\s?(?:AM|PM|am|pm|SA|CH|a\.m\.|p\.m\.)/g)) problems.push(`12-hour time ${m[0]}`);
  for (const m of text.matchAll(/(?<![\d:.])\d:\d{2}\b/g)) problems.push(`unpadded hour ${m[0]}`);
  return problems;
}
