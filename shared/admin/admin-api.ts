import { z } from 'zod';
import { assignmentSchema, legalBasisSchema, templateRefSchema, templateSchema, unitSchema } from '../schemas';
import { isoDateSchema } from '../schemas/common';
import { deviceRoleSchema } from '../sync/protocol';
import { templateDiffSchema, workbookProblemSchema } from '../template-workbook/types';

/**
 * The administration console's API, served by the hub under ADMIN_API_PREFIX to the console at
 * /admin. Sessions are an HttpOnly, SameSite=Strict cookie; every request that changes anything
 * carries the session's CSRF token in the CSRF_HEADER. Errors are `{error: {code, message}}` as on
 * the device API. Versioned so a console and a hub of different releases notice each other.
 */
export const ADMIN_API_PREFIX = '/admin/api/v1';
export const ADMIN_COOKIE = 'congvu_admin';
export const CSRF_HEADER = 'x-congvu-csrf';
export const ADMIN_API_VERSION = 1;

export const adminNameSchema = z.string().trim().regex(/^[a-z0-9._-]{3,40}$/, 'err.admin.name');
/** Passwords: at least 12 characters, bounded so hashing stays cheap for an attacker's junk. */
export const adminPasswordSchema = z.string().min(12, 'err.admin.passwordShort').max(256, 'err.admin.passwordLong');

// Session ----------------------------------------------------------------------------------------
export const signInRequestSchema = z.object({ name: z.string().max(100), password: z.string().max(256) });
export const sessionSchema = z.object({ admin: z.object({ name: z.string() }), csrfToken: z.string(), hubVersion: z.string() });
export type AdminSession = z.infer<typeof sessionSchema>;

// Paging -----------------------------------------------------------------------------------------
export const pageQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  q: z.string().trim().max(100).default(''),
});
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ total: z.number().int().nonnegative(), items: z.array(item) });

// Devices ----------------------------------------------------------------------------------------
export const deviceStatusFilterSchema = z.enum(['all', 'active', 'revoked']).default('all');
export const adminDeviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: deviceRoleSchema,
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  /** The last request the device made with its token (its last sync). */
  lastSeenAt: z.string().nullable(),
  /** Inspections it owns on the hub, and their revisions held. */
  inspections: z.number().int().nonnegative(),
});
export type AdminDevice = z.infer<typeof adminDeviceSchema>;
export const devicesPageSchema = pageOf(adminDeviceSchema);

export const enrollmentRequestSchema = z.object({
  role: deviceRoleSchema,
  name: z.string().trim().min(1, 'err.required').max(100, 'err.tooLong'),
  /** The address the laptops reach the hub at, as the console's own origin shows it. */
  hubUrl: z.url().max(300),
});
export const enrollmentSchema = z.object({
  code: z.string(),
  role: deviceRoleSchema,
  name: z.string(),
  expiresAt: z.string(),
  /** What the QR code carries (the app reads the hub address and the code from it). */
  qrPayload: z.string(),
  /** The QR code as an SVG document, drawn by the hub. */
  qrSvg: z.string(),
});
export type Enrollment = z.infer<typeof enrollmentSchema>;

export const transferRequestSchema = z.union([
  z.object({ inspection: z.string().trim().min(1).max(64), to: z.string().trim().min(1).max(64) }).strict(),
  z.object({ from: z.string().trim().min(1).max(64), to: z.string().trim().min(1).max(64) }).strict(),
]);
export const transferResultSchema = z.object({ moved: z.number().int().nonnegative(), to: z.string(), toName: z.string() });

// Units and staff ----------------------------------------------------------------------------------
export const unitSummarySchema = z.object({ code: z.string(), name: z.string(), level: z.string(), province: z.string(), address: z.string(), staff: z.number().int().nonnegative() });
export const unitsPageSchema = pageOf(unitSummarySchema);
export { unitSchema };

/** One refused row of an imported table: its 1-based row number in the file, the column if one is to blame. */
export const tableProblemSchema = z.object({ row: z.number().int().nonnegative(), column: z.string().optional(), message: z.object({ vi: z.string(), en: z.string() }) });
export type TableProblem = z.infer<typeof tableProblemSchema>;
/** What an import would do, before anything is stored (the same body sent to .../import stores it, if it has no problems). */
export const unitsImportPreviewSchema = z.object({
  ok: z.boolean(),
  rows: z.number().int().nonnegative(),
  units: z.array(unitSummarySchema.extend({ change: z.enum(['new', 'changed', 'unchanged']) })),
  problems: z.array(tableProblemSchema),
});
export const unitsImportResultSchema = z.object({ imported: z.number().int().nonnegative(), unchanged: z.number().int().nonnegative() });

// Assignments and legal bases -----------------------------------------------------------------------
export const assignmentRequestSchema = z.object({ unitCode: z.string().trim().min(1).max(20), from: isoDateSchema, to: isoDateSchema, team: z.string().trim().min(1, 'err.required').max(200, 'err.tooLong'), note: z.string().trim().max(200, 'err.tooLong').default('') });
export const adminAssignmentSchema = assignmentSchema.extend({ retired: z.boolean(), createdAt: z.string() });
export const adminLegalBasisSchema = z.object({ basis: legalBasisSchema, builtIn: z.boolean(), publishedAt: z.string().nullable() });
/** Retiring a legal basis: it stops being in force after this day (kept for the records that cite it). */
export const retireLegalBasisRequestSchema = z.object({ effectiveTo: isoDateSchema });

// Templates ---------------------------------------------------------------------------------------
export const adminTemplateSchema = z.object({
  ref: templateRefSchema,
  id: z.string(),
  version: z.number().int(),
  title: z.object({ vi: z.string(), en: z.string() }),
  publishedAt: z.string(),
  items: z.number().int().nonnegative(),
  /** Shipped with every app (GIO, VH, MC): exportable as a starting point, never retired. */
  builtIn: z.boolean(),
  retired: z.boolean(),
});
export type AdminTemplate = z.infer<typeof adminTemplateSchema>;
/** An uploaded workbook, checked: every problem with its sheet and row, or the template it makes and what it changes. */
export const templateCheckSchema = z.object({
  ok: z.boolean(),
  problems: z.array(workbookProblemSchema),
  template: templateSchema.optional(),
  legalBases: z.array(legalBasisSchema).default([]),
  /** The newest published version of the same id, if any, and what this one changes from it. */
  replaces: templateRefSchema.nullable().default(null),
  diff: templateDiffSchema.nullable().default(null),
});
export type TemplateCheck = z.infer<typeof templateCheckSchema>;
export const templatePublishResultSchema = z.object({ ref: templateRefSchema, legalBasesPublished: z.number().int().nonnegative() });

// Exports ---------------------------------------------------------------------------------------
export const exportQuerySchema = z.object({
  format: z.enum(['xlsx', 'csv', 'pdf']),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  unit: z.string().trim().max(20).optional(),
  template: z.string().trim().max(10).optional(),
  team: z.string().trim().max(200).optional(),
});

// Health and log ------------------------------------------------------------------------------------
export const healthSchema = z.object({
  hubVersion: z.string(),
  formatVersion: z.number().int(),
  epoch: z.string(),
  database: z.object({ kind: z.enum(['sqlite', 'postgres']), where: z.string(), bytes: z.number().nullable() }),
  storage: z.object({ inspections: z.number().int(), revisions: z.number().int(), recordBytes: z.number(), blobs: z.number().int(), blobBytes: z.number(), reports: z.number().int() }),
  devices: z.object({ active: z.number().int(), revoked: z.number().int() }),
});
export type Health = z.infer<typeof healthSchema>;
export const adminLogEntrySchema = z.object({ seq: z.number().int(), at: z.string(), admin: z.string().nullable(), action: z.string(), details: z.record(z.string(), z.unknown()) });
export const adminLogPageSchema = pageOf(adminLogEntrySchema);
