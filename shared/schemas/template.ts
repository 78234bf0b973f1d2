import { z } from 'zod';
import { isoDateTimeSchema, ITEM_CODE_PATTERN, localTextSchema } from './common';

export const answerTypes = ['compliance', 'count', 'time', 'text', 'roster'] as const;
export const answerTypeSchema = z.enum(answerTypes);
export type AnswerType = z.infer<typeof answerTypeSchema>;

const itemCodeSchema = z.string().regex(ITEM_CODE_PATTERN, 'err.template.itemCode');
const templateIdSchema = z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/, 'err.template.id');

export const legalReferenceSchema = z.object({
  basisId: z.string().regex(/^[A-Z0-9]{2,16}$/),
  /**
   * Article or clause, as printed (e.g. "Điều 5 khoản 6"). One line without ";", which separates
   * references where a checklist workbook writes them in one cell.
   */
  provision: z.string().trim().max(100).regex(/^[^;\r\n]*$/, 'err.template.provision').optional(),
});
export type LegalReference = z.infer<typeof legalReferenceSchema>;

/** One labelled number of a count item (e.g. files received / on time / overdue). */
export const countFieldSchema = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,30}$/),
  label: localTextSchema,
  unit: localTextSchema,
});
export type CountField = z.infer<typeof countFieldSchema>;

export const countComparisons = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const;

/**
 * One condition a count item's numbers must meet to be compliant: a number compared with another
 * of the same item ("at the counters" ≥ "assigned") or with a fixed value ("without apology" = 0).
 */
export const countConditionSchema = z.object({
  field: z.string().regex(/^[a-z][a-zA-Z0-9]{0,30}$/),
  op: z.enum(countComparisons),
  than: z.union([z.object({ field: z.string().regex(/^[a-z][a-zA-Z0-9]{0,30}$/) }).strict(), z.object({ value: z.number().int().min(0).max(1_000_000) }).strict()]),
});
export type CountCondition = z.infer<typeof countConditionSchema>;

export const templateItemSchema = z
  .object({
    code: itemCodeSchema,
    text: localTextSchema,
    legalRefs: z.array(legalReferenceSchema).default([]),
    /** A basis that is not a legal document ("practice", "Prime Minister's instructions"). */
    basisNote: localTextSchema.optional(),
    answerType: answerTypeSchema,
    /** count items: the numbers asked for. */
    countFields: z.array(countFieldSchema).optional(),
    /**
     * count items: when the numbers make the item compliant (every condition must hold). Without
     * it the numbers are recorded, not judged. Part of the published template, so a change is a
     * new template version and a finished record keeps the rule it was judged by.
     */
    compliantWhen: z.array(countConditionSchema).min(1).max(10).optional(),
    /** roster items: the roll call itself, or the list of staff who breached the rule. */
    rosterKind: z.enum(['roll-call', 'violation']).optional(),
    /** time items asked once per roster row (e.g. arrival time of each late person). */
    perRosterRow: z.boolean().default(false),
    critical: z.boolean().default(false),
    required: z.boolean().default(true),
    /**
     * Whether the text names the rule ("Polite attitude") or the breach ("Arrogance, harassment").
     * C always means compliant; for breach-worded items the UI says "no breach" / "breach".
     */
    wording: z.enum(['requirement', 'violation']).default('requirement'),
    /** Filled in when the inspection starts, still editable: the arrival time, the roster size. */
    prefill: z.enum(['arrival-time', 'roster-size']).optional(),
  })
  .superRefine((item, ctx) => {
    const hasCounts = item.countFields !== undefined && item.countFields.length > 0;
    if (item.answerType === 'count' && !hasCounts) {
      ctx.addIssue({ code: 'custom', message: 'err.template.countFieldsRequired', path: ['countFields'] });
    }
    if (item.answerType !== 'count' && item.countFields !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'err.template.countFieldsOnlyForCount', path: ['countFields'] });
    }
    if (item.answerType === 'roster' && item.rosterKind === undefined) {
      ctx.addIssue({ code: 'custom', message: 'err.template.rosterKindRequired', path: ['rosterKind'] });
    }
    if (item.answerType !== 'roster' && item.rosterKind !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'err.template.rosterKindOnlyForRoster', path: ['rosterKind'] });
    }
    if (item.perRosterRow && item.answerType !== 'time') {
      ctx.addIssue({ code: 'custom', message: 'err.template.perRowOnlyForTime', path: ['perRosterRow'] });
    }
    if (item.prefill === 'arrival-time' && item.answerType !== 'time') {
      ctx.addIssue({ code: 'custom', message: 'err.template.prefillType', path: ['prefill'] });
    }
    if (item.prefill === 'roster-size' && (item.answerType !== 'count' || item.countFields?.length !== 1)) {
      ctx.addIssue({ code: 'custom', message: 'err.template.prefillType', path: ['prefill'] });
    }
    if (hasCounts) {
      const keys = item.countFields!.map((f) => f.key);
      if (new Set(keys).size !== keys.length) {
        ctx.addIssue({ code: 'custom', message: 'err.template.countKeysUnique', path: ['countFields'] });
      }
    }
    if (item.compliantWhen !== undefined) {
      const keys = new Set((item.countFields ?? []).map((f) => f.key));
      item.compliantWhen.forEach((c, i) => {
        const fields = 'field' in c.than ? [c.field, c.than.field] : [c.field];
        if (item.answerType !== 'count' || fields.some((f) => !keys.has(f))) {
          ctx.addIssue({ code: 'custom', message: 'err.template.ruleField', path: ['compliantWhen', i] });
        }
      });
    }
  });
export type TemplateItem = z.infer<typeof templateItemSchema>;

export const templateSectionSchema = z.object({
  code: z.string().regex(/^[A-Z]{2,5}-[A-Z0-9]{1,4}$/),
  title: localTextSchema,
  items: z.array(templateItemSchema).min(1),
});
export type TemplateSection = z.infer<typeof templateSectionSchema>;

/**
 * A checklist template. Once published, an (id, version) pair never changes: an edit is a new
 * version, so a finished inspection always points at exactly the text it was answered against.
 */
export const templateSchema = z
  .object({
    id: templateIdSchema,
    version: z.number().int().min(1),
    title: localTextSchema,
    publishedAt: isoDateTimeSchema,
    sections: z.array(templateSectionSchema).min(1),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.sections.forEach((section, s) => {
      section.items.forEach((item, i) => {
        if (seen.has(item.code)) {
          ctx.addIssue({
            code: 'custom',
            message: 'err.template.duplicateItemCode',
            path: ['sections', s, 'items', i, 'code'],
          });
        }
        seen.add(item.code);
        if (!item.code.startsWith(`${t.id}-`)) {
          ctx.addIssue({
            code: 'custom',
            message: 'err.template.itemCodePrefix',
            path: ['sections', s, 'items', i, 'code'],
          });
        }
      });
    });
    const sectionCodes = t.sections.map((s) => s.code);
    if (new Set(sectionCodes).size !== sectionCodes.length) {
      ctx.addIssue({ code: 'custom', message: 'err.template.duplicateSectionCode', path: ['sections'] });
    }
  });
export type Template = z.infer<typeof templateSchema>;
export type TemplateInput = z.input<typeof templateSchema>;

/** "GIO@1": how an inspection names the exact template version it used. */
export const templateRefSchema = z.string().regex(/^[A-Z][A-Z0-9]{1,9}@[1-9]\d*$/, 'err.template.ref');
export type TemplateRef = z.infer<typeof templateRefSchema>;

export function templateRef(t: Pick<Template, 'id' | 'version'>): TemplateRef {
  return `${t.id}@${t.version}`;
}

export function parseTemplateRef(ref: TemplateRef): { id: string; version: number } {
  const [id, version] = ref.split('@');
  return { id: id!, version: Number(version) };
}

export function templateItems(t: Template): TemplateItem[] {
  return t.sections.flatMap((s) => s.items);
}
