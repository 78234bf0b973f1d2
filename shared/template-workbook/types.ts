import { z } from 'zod';

/** The version of the checklist workbook layout (sheets, columns); written in the workbook's template sheet. */
export const TEMPLATE_WORKBOOK_FORMAT = 1;

/**
 * One problem found in an uploaded workbook, where the author will look for it: the sheet, the
 * 1-based row as Excel numbers it, the column header. `code` names the message
 * (shared/messages/template-workbook-messages.ts) and `params` fill it in.
 */
export const workbookProblemSchema = z.object({
  sheet: z.string(),
  row: z.number().int().nonnegative().nullable(),
  column: z.string().nullable(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  /** The message in both languages, as the CLI prints it and the console shows it. */
  message: z.object({ vi: z.string(), en: z.string() }),
});
export type WorkbookProblem = z.infer<typeof workbookProblemSchema>;

/** What changed from one template version to the next, item by item (codes are the identity). */
export const templateDiffSchema = z.object({
  titleChanged: z.boolean(),
  sections: z.object({ added: z.array(z.string()), removed: z.array(z.string()), renamed: z.array(z.string()) }),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  /** Item code → the fields that differ (text, answerType, critical, legalRefs, countFields, compliantWhen, …). */
  changed: z.array(z.object({ code: z.string(), fields: z.array(z.string()) })),
  moved: z.array(z.object({ code: z.string(), from: z.string(), to: z.string() })),
});
export type TemplateDiff = z.infer<typeof templateDiffSchema>;
