import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { zipSync } from 'fflate';
import { ADMIN_API_PREFIX, exportQuerySchema } from '@shared/admin/admin-api';
import { fail } from '../hub-http-error';
import { logAdmin } from '../admin/admin-log';
import { exportDepartment } from '../admin/export';
import { adminOf, parsed, type ConsoleContext } from './context';

const TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'application/zip', pdf: 'application/pdf' } as const;

/** The department's exports (the CLI's, with its filters), written to a temporary folder, sent, and removed. */
export function exportRoutes(scope: FastifyInstance, { store }: ConsoleContext): void {
  scope.get(`${ADMIN_API_PREFIX}/exports`, async (request, reply) => {
    const admin = adminOf(request);
    const query = parsed(exportQuerySchema, request.query, 400);
    if (query.from && query.to && query.to < query.from) throw fail(400, 'invalid_request', 'The period ends before it starts');
    const dir = await mkdtemp(join(tmpdir(), 'congvu-export-'));
    const cleanUp = () => void rm(dir, { recursive: true, force: true });
    try {
      const filter = { from: query.from, to: query.to, unitCode: query.unit || undefined, templateId: query.template || undefined, leader: query.team || undefined };
      const stamp = new Date().toISOString().slice(0, 10);
      let file: string;
      if (query.format === 'csv') {
        const folder = join(dir, 'csv');
        await exportDepartment(store, { format: 'csv', out: folder, filter });
        const files = Object.fromEntries(await Promise.all((await readdir(folder)).map(async (name) => [name, new Uint8Array(await readFile(join(folder, name)))] as const)));
        file = join(dir, 'export.zip');
        await writeFile(file, zipSync(files, { level: 6 }));
      } else {
        file = join(dir, `export.${query.format}`);
        await exportDepartment(store, { format: query.format, out: file, filter });
      }
      await logAdmin(store.db, admin.name, 'export', { format: query.format, ...filter });
      const stream = createReadStream(file);
      stream.once('close', cleanUp);
      const name = query.format === 'pdf' ? `bao-cao-${stamp}.pdf` : `ket-qua-kiem-tra-${stamp}.${query.format === 'csv' ? 'csv.zip' : 'xlsx'}`;
      return reply.type(TYPES[query.format]).header('content-disposition', `attachment; filename="${name}"`).send(stream);
    } catch (error) {
      cleanUp();
      throw error;
    }
  });
}
