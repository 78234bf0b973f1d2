import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ADMIN_API_PREFIX } from '@shared/admin/admin-api';
import { templateRef, templateRefSchema, templateItems } from '@shared/schemas';
import { builtInTemplates } from '@shared/templates';
import { fail } from '../hub-http-error';
import { logAdmin } from '../admin/admin-log';
import { allTemplates, checkTemplateUpload, publishTemplateUpload, TemplateUploadRefused, templateWorkbook } from '../admin/templates';
import { MAX_TEMPLATE_WORKBOOK_BYTES } from '../../node-shared/xlsx/template-workbook';
import { adminOf, parsed, uploadedBytes, type ConsoleContext } from './context';

const refParam = z.object({ ref: templateRefSchema });

/** Checklist templates: every version, one as JSON or as a workbook, an upload checked or published, a version retired. */
export function templateRoutes(scope: FastifyInstance, { store }: ConsoleContext): void {
  const retiredRefs = async () => new Set((await store.db.selectFrom('changes').select('entity_id').where('kind', '=', 'template-retired').execute()).map((r) => r.entity_id));
  const find = async (ref: string) => (await allTemplates(store)).find((t) => templateRef(t) === ref);

  scope.get(`${ADMIN_API_PREFIX}/templates`, async () => {
    const retired = await retiredRefs();
    const builtIn = new Set(builtInTemplates.map(templateRef));
    const items = (await allTemplates(store)).map((t) => ({ ref: templateRef(t), id: t.id, version: t.version, title: t.title, publishedAt: t.publishedAt, items: templateItems(t).length, builtIn: builtIn.has(templateRef(t)), retired: retired.has(templateRef(t)) }));
    return { items };
  });

  scope.get(`${ADMIN_API_PREFIX}/templates/:ref`, async (request) => {
    const { ref } = parsed(refParam, request.params, 400);
    const template = await find(ref);
    if (!template) throw fail(404, 'not_found', `No template ${ref}`);
    return template;
  });

  scope.get(`${ADMIN_API_PREFIX}/templates/:ref/xlsx`, async (request, reply) => {
    const { ref } = parsed(refParam, request.params, 400);
    const bytes = await templateWorkbook(store, ref);
    if (!bytes) throw fail(404, 'not_found', `No template ${ref}`);
    const name = `${ref.replace('@', '-v')}.xlsx`;
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(Buffer.from(bytes));
  });

  const upload = { bodyLimit: MAX_TEMPLATE_WORKBOOK_BYTES };
  scope.post(`${ADMIN_API_PREFIX}/templates/check`, upload, async (request) => {
    adminOf(request);
    return await checkTemplateUpload(store, uploadedBytes(request));
  });

  scope.post(`${ADMIN_API_PREFIX}/templates/publish`, upload, async (request, reply) => {
    const admin = adminOf(request);
    try {
      const done = await publishTemplateUpload(store, uploadedBytes(request));
      if (done.alreadyPublished && done.legalBasesPublished === 0) return reply.status(200).send({ ref: done.ref, legalBasesPublished: 0 });
      await logAdmin(store.db, admin.name, 'publish-template', { ref: done.ref, legalBasesPublished: done.legalBasesPublished });
      return reply.status(201).send({ ref: done.ref, legalBasesPublished: done.legalBasesPublished });
    } catch (error) {
      if (error instanceof TemplateUploadRefused) throw fail(422, 'invalid_workbook', 'The workbook has problems: nothing was published', { problems: error.problems });
      throw error;
    }
  });

  scope.post(`${ADMIN_API_PREFIX}/templates/:ref/retire`, { bodyLimit: 1024 }, async (request) => {
    const admin = adminOf(request);
    const { ref } = parsed(refParam, request.params, 400);
    if (!(await find(ref))) throw fail(404, 'not_found', `No template ${ref}`);
    if ((await retiredRefs()).has(ref)) throw fail(409, 'already_retired', `${ref} is already retired`);
    const retiredAt = store.now();
    // Laptops stop offering this version for new inspections; records made with it keep it.
    await store.db.transaction().execute(async (trx) => {
      await store.appendChange(trx, { kind: 'template-retired', entityId: ref, data: { ref, retiredAt } });
      await logAdmin(trx, admin.name, 'retire-template', { ref });
    });
    return { ref, retiredAt };
  });
}
