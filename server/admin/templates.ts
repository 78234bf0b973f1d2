import { canonicalJson } from '@shared/hash/canonical-json';
import type { TemplateCheck } from '@shared/admin/admin-api';
import { defaultLegalBases } from '@shared/legal-bases/default-legal-bases';
import { legalBasisSchema, templateRef, templateSchema, type LegalBasis, type Template } from '@shared/schemas';
import { problemLine, workbookProblem } from '@shared/template-workbook/problems';
import { diffTemplates } from '@shared/template-workbook/diff';
import type { WorkbookProblem } from '@shared/template-workbook/types';
import { builtInTemplates } from '@shared/templates';
import { readTemplateWorkbook, writeTemplateWorkbook } from '../../node-shared/xlsx/template-workbook';
import type { Db, HubStore } from '../store/hub-store';

/** Hands a template down. A published id@version never changes: a different text needs a new version. */
export async function publishTemplate(store: HubStore, bytes: Uint8Array): Promise<string> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error('The template file is not JSON');
  }
  const parsed = templateSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Not a valid template: ${parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const ref = templateRef(parsed.data);
  const existing = await store.db.selectFrom('changes').select('data').where('kind', '=', 'template').where('entity_id', '=', ref).orderBy('seq', 'desc').executeTakeFirst();
  if (existing) {
    if (existing.data === canonicalJson(parsed.data)) return `${ref} is already published, unchanged.`;
    throw new Error(`${ref} is already published with other content: publish it as a new version`);
  }
  await store.appendChange(store.db, { kind: 'template', entityId: ref, data: parsed.data });
  return `Published ${ref}.`;
}

/** A workbook refused: every problem, each at its sheet and row. */
export class TemplateUploadRefused extends Error {
  constructor(readonly problems: WorkbookProblem[]) {
    const found = problems.reduce((n, p) => n + (p.code === 'wb.moreProblems' ? Number(p.params['count']) : 1), 0);
    super(`Nothing published: ${found} problem(s) in the workbook\n${problems.map((p) => problemLine(p)).join('\n')}`);
    this.name = 'TemplateUploadRefused';
  }
}

/** The newest of each id the hub has handed down, by entity, read in the order written. */
async function latestOf(db: Db, kind: 'template' | 'legal-basis'): Promise<Map<string, string>> {
  const rows = await db.selectFrom('changes').select(['entity_id', 'data']).where('kind', '=', kind).orderBy('seq').execute();
  return new Map(rows.map((r) => [r.entity_id, r.data]));
}

/** The legal bases a reference may cite: the built-in ones, overridden by any the hub has handed down. */
export async function knownLegalBases(store: HubStore, db: Db = store.db): Promise<LegalBasis[]> {
  const byId = new Map(defaultLegalBases.map((b) => [b.id, b]));
  for (const data of (await latestOf(db, 'legal-basis')).values()) {
    const basis = legalBasisSchema.parse(JSON.parse(data));
    byId.set(basis.id, basis);
  }
  return [...byId.values()];
}

/** Every template an inspection may name: the built-in versions and those the hub has published, each ref once, by id and version. */
export async function allTemplates(store: HubStore): Promise<Template[]> {
  const byRef = new Map<string, Template>(builtInTemplates.map((t) => [templateRef(t), t]));
  for (const [ref, data] of await latestOf(store.db, 'template')) {
    if (!byRef.has(ref)) byRef.set(ref, templateSchema.parse(JSON.parse(data)));
  }
  return [...byRef.values()].sort((a, b) => (a.id === b.id ? a.version - b.version : a.id < b.id ? -1 : 1));
}

/** An uploaded workbook checked against the hub: its problems, or the template, the version it replaces and what changes. */
export async function checkTemplateUpload(store: HubStore, bytes: Uint8Array): Promise<TemplateCheck> {
  const read = await readTemplateWorkbook(bytes, { knownLegalBases: await knownLegalBases(store) });
  const refused = (problems: WorkbookProblem[]): TemplateCheck => ({ ok: false, problems, legalBases: read.legalBases, replaces: null, diff: null });
  if (!read.ok || !read.template) return refused(read.problems);
  const template = read.template;
  const ref = templateRef(template);
  const templates = await allTemplates(store);
  const same = templates.find((t) => templateRef(t) === ref);
  if (same && canonicalJson(same) !== canonicalJson(template)) {
    const at = read.versionAt ?? { sheet: 'Mẫu', row: 2, column: 'Phiên bản' };
    return refused([workbookProblem(at.sheet, at.row, at.column, 'wb.alreadyPublished', { ref })]);
  }
  const replaced = templates.filter((t) => t.id === template.id && t.version !== template.version).at(-1) ?? null;
  return {
    ok: true,
    problems: [],
    template,
    legalBases: read.legalBases,
    replaces: replaced ? templateRef(replaced) : null,
    diff: replaced ? diffTemplates(replaced, template) : null,
  };
}

/**
 * Publishes an uploaded workbook, checked again: in one transaction the legal bases it brings that
 * are new or changed, then the template (unless that very version is already out, unchanged:
 * `alreadyPublished`).
 */
export async function publishTemplateUpload(store: HubStore, bytes: Uint8Array): Promise<{ ref: string; legalBasesPublished: number; alreadyPublished: boolean }> {
  const check = await checkTemplateUpload(store, bytes);
  if (!check.ok || !check.template) throw new TemplateUploadRefused(check.problems);
  const template = check.template;
  const ref = templateRef(template);
  const builtIn = builtInTemplates.some((t) => templateRef(t) === ref);
  return store.db.transaction().execute(async (trx) => {
    const current = new Map((await knownLegalBases(store, trx)).map((b) => [b.id, canonicalJson(b)]));
    const changed = check.legalBases.filter((b) => current.get(b.id) !== canonicalJson(b));
    for (const basis of changed) await store.appendChange(trx, { kind: 'legal-basis', entityId: basis.id, data: basis });
    const existing = await trx.selectFrom('changes').select('data').where('kind', '=', 'template').where('entity_id', '=', ref).orderBy('seq', 'desc').executeTakeFirst();
    if (existing && existing.data !== canonicalJson(template)) throw new TemplateUploadRefused([workbookProblem('Mẫu', null, 'Phiên bản', 'wb.alreadyPublished', { ref })]);
    const alreadyPublished = existing !== undefined || builtIn;
    if (!alreadyPublished) await store.appendChange(trx, { kind: 'template', entityId: ref, data: template });
    return { ref, legalBasesPublished: changed.length, alreadyPublished };
  });
}

/** Any template (hub-published or built-in) as a checklist workbook, with the legal bases it cites; null for an unknown ref. */
export async function templateWorkbook(store: HubStore, ref: string): Promise<Uint8Array | null> {
  const template = (await allTemplates(store)).find((t) => templateRef(t) === ref);
  if (!template) return null;
  return writeTemplateWorkbook(template, await knownLegalBases(store));
}
