/**
 * `npx tsx scripts/checklist-workbook/make-sample.ts`: writes the sample checklist workbook the
 * README points to, from sample-template.ts. A test checks the committed file is byte for byte
 * what this writes, so the two never drift.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defaultLegalBases } from '../../shared/legal-bases/default-legal-bases';
import { writeTemplateWorkbook } from '../../node-shared/xlsx/template-workbook';
import { sampleTemplate } from './sample-template';

export const SAMPLE_WORKBOOK = resolve(import.meta.dirname, '../../docs/checklist-workbook/mau-danh-muc-kiem-tra.xlsx');

export function sampleWorkbook(): Promise<Uint8Array> {
  return writeTemplateWorkbook(sampleTemplate, defaultLegalBases);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await writeFile(SAMPLE_WORKBOOK, await sampleWorkbook());
  console.log(`Wrote ${SAMPLE_WORKBOOK}`);
}
