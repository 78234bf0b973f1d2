import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '@shared/hash/canonical-json';
import { defaultLegalBases } from '@shared/legal-bases/default-legal-bases';
import { templateRef } from '@shared/schemas';
import { builtInTemplates } from '@shared/templates';
import { readTemplateWorkbook, writeTemplateWorkbook } from '../../node-shared/xlsx/template-workbook';
import { SAMPLE_WORKBOOK, sampleWorkbook } from '../../scripts/checklist-workbook/make-sample';
import { sampleTemplate } from '../../scripts/checklist-workbook/sample-template';
import { allTemplates, checkTemplateUpload, publishTemplateUpload, templateWorkbook, TemplateUploadRefused } from '../../server/admin/templates';
import { openHub } from '../../server/open-hub';
import { hubCli, startPgCluster, type PgCluster } from '../support/hub';

const mc2 = builtInTemplates.find((t) => t.id === 'MC' && t.version === 2)!;

async function edit(bytes: Uint8Array, change: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  change(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
const rowOf = (sheet: ExcelJS.Worksheet, code: string) => sheet.getRows(2, sheet.rowCount)!.find((r) => r.getCell(1).value === code)!;

/**
 * Checklist workbooks on a real hub, SQLite and PostgreSQL: the hub's functions in process, and
 * (on SQLite) the CLI as the administrator runs it.
 */
for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`checklist workbooks on the hub (${backend})`, { timeout: 120_000 }, () => {
    let dataDir: string;
    let env: Record<string, string>;
    let pg: PgCluster | undefined;
    let hub: Awaited<ReturnType<typeof openHub>>;
    const changes = async () => (await hub.store.db.selectFrom('changes').select(['kind', 'entity_id', 'data']).orderBy('seq').execute());

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'congvu-workbook-'));
      pg = backend === 'postgres' ? await startPgCluster() : undefined;
      env = { HUB_DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url } : {}) };
      hub = await openHub(env);
    });
    afterAll(async () => {
      await hub.close();
      await pg?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('the committed sample workbook is exactly what the writer makes of its template, and it publishes', async () => {
      const committed = new Uint8Array(readFileSync(SAMPLE_WORKBOOK));
      expect(Buffer.from(committed).equals(Buffer.from(await sampleWorkbook())), 'run npx tsx scripts/checklist-workbook/make-sample.ts').toBe(true);
      const read = await readTemplateWorkbook(committed, { knownLegalBases: [] });
      expect(read.problems).toEqual([]);
      expect(canonicalJson(read.template)).toBe(canonicalJson(sampleTemplate));

      const check = await checkTemplateUpload(hub.store, committed);
      expect(check).toMatchObject({ ok: true, problems: [], replaces: null, diff: null });
      expect(await publishTemplateUpload(hub.store, committed)).toEqual({ ref: 'MCT@1', legalBasesPublished: 0, alreadyPublished: false });
      const published = (await changes()).filter((c) => c.kind === 'template');
      expect(published.map((c) => c.entity_id)).toEqual(['MCT@1']);
      expect(published[0]!.data).toBe(canonicalJson(sampleTemplate));
      expect((await allTemplates(hub.store)).map(templateRef)).toEqual(['GIO@1', 'MC@1', 'MC@2', 'MCT@1', 'VH@1']);
      expect(Buffer.from((await templateWorkbook(hub.store, 'MCT@1'))!).equals(Buffer.from(committed))).toBe(true);
      // The same workbook again changes nothing.
      expect(await publishTemplateUpload(hub.store, committed)).toEqual({ ref: 'MCT@1', legalBasesPublished: 0, alreadyPublished: true });
      expect((await changes()).length).toBe(published.length);
    });

    it('a new version of a built-in: what it replaces, the difference, and a legal basis of the province published with it', async () => {
      const bytes = await edit(await writeTemplateWorkbook(mc2, defaultLegalBases), (workbook) => {
        workbook.getWorksheet('Mẫu')!.getCell('B2').value = 3;
        const items = workbook.getWorksheet('Mục kiểm tra')!;
        rowOf(items, 'MC-05').getCell(15).value = 'present = assigned';
        rowOf(items, 'MC-02').getCell(9).value = 'ND118; KH12AG: Mục II';
        items.addRow(['MC-17', 'MC-E', 'Hòm thư góp ý', 'Suggestion box', 'Tuân thủ', 'Không', 'Có', 'Yêu cầu', 'KH12AG']);
        workbook.getWorksheet('Căn cứ pháp lý')!.addRow([
          'KH12AG', 'KH12', '12/KH-SNV', 'Kế hoạch', 'Plan', 'Sở Nội vụ tỉnh An Giang', 'An Giang Department of Home Affairs',
          new Date(Date.UTC(2026, 0, 15)), 'Kiểm tra công vụ năm 2026 (ví dụ kiểm thử)', 'Public-service inspections in 2026 (test example)', null, null, 'R',
        ]);
      });
      const check = await checkTemplateUpload(hub.store, bytes);
      expect(check.problems).toEqual([]);
      expect(check.replaces).toBe('MC@2');
      expect(check.diff).toEqual({
        titleChanged: false,
        sections: { added: [], removed: [], renamed: [] },
        added: ['MC-17'],
        removed: [],
        changed: [{ code: 'MC-02', fields: ['legalRefs'] }, { code: 'MC-05', fields: ['compliantWhen'] }],
        moved: [],
      });
      expect(check.legalBases.find((b) => b.id === 'KH12AG')).toMatchObject({ issuedOn: '2026-01-15', effectiveFrom: null, source: 'R' });
      expect(await publishTemplateUpload(hub.store, bytes)).toEqual({ ref: 'MC@3', legalBasesPublished: 1, alreadyPublished: false });
      expect((await changes()).slice(-2).map((c) => [c.kind, c.entity_id])).toEqual([['legal-basis', 'KH12AG'], ['template', 'MC@3']]);
      // Now known to the hub, the basis may be cited by a workbook that does not write it out.
      const exported = await templateWorkbook(hub.store, 'MC@3');
      const read = await readTemplateWorkbook(exported!, { knownLegalBases: [] });
      expect(read.legalBases.map((b) => b.id)).toContain('KH12AG');
    });

    it('refuses a version already published with other content, and malformed workbooks, publishing nothing', async () => {
      const before = await changes();
      const changedMc2 = await edit(await writeTemplateWorkbook(mc2, defaultLegalBases), (workbook) => {
        rowOf(workbook.getWorksheet('Mục kiểm tra')!, 'MC-01').getCell(3).value = 'Niêm yết thủ tục hành chính';
      });
      const check = await checkTemplateUpload(hub.store, changedMc2);
      expect(check.ok).toBe(false);
      expect(check.problems.map((p) => [p.sheet, p.row, p.column, p.message.en])).toEqual([['Mẫu', 2, 'Phiên bản', 'MC@2 is already published with other content; raise the version.']]);
      await expect(publishTemplateUpload(hub.store, changedMc2)).rejects.toBeInstanceOf(TemplateUploadRefused);
      await expect(publishTemplateUpload(hub.store, new TextEncoder().encode('not a workbook'))).rejects.toThrow('Tệp không phải bảng tính Excel (.xlsx) đọc được.');
      expect(await changes()).toEqual(before);
    });

    it.skipIf(backend === 'postgres')('hub:cli publish-template refuses a workbook with three mistakes, each on its line, then publishes it fixed; export-template writes any template', async () => {
      const gioFile = join(dataDir, 'gio.xlsx');
      const exported = await hubCli(['export-template', 'GIO@1', '--out', gioFile], env);
      expect(exported).toMatchObject({ status: 0, stderr: '' });
      const gio = await readTemplateWorkbook(new Uint8Array(readFileSync(gioFile)), { knownLegalBases: [] });
      expect(canonicalJson(gio.template)).toBe(canonicalJson(builtInTemplates[0]));

      const source = new Uint8Array(readFileSync(SAMPLE_WORKBOOK));
      const fixed = await edit(source, (workbook) => {
        workbook.getWorksheet('Mẫu')!.getCell('B2').value = 2;
      });
      const broken = await edit(fixed, (workbook) => {
        const items = workbook.getWorksheet('Mục kiểm tra')!;
        rowOf(items, 'MCT-04').getCell(5).value = 'Có/Không';
        rowOf(items, 'MCT-05').getCell(15).value = 'x = 0';
        rowOf(items, 'MCT-08').getCell(1).value = 'MCT-01';
      });
      const before = await changes();
      writeFileSync(join(dataDir, 'broken.xlsx'), broken);
      const refused = await hubCli(['publish-template', join(dataDir, 'broken.xlsx')], env);
      expect(refused.status).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr.trim().split('\n')).toEqual([
        'error: Nothing published: 3 problem(s) in the workbook',
        'Mục kiểm tra!5 Kiểu trả lời: Kiểu trả lời “Có/Không” không có; dùng một trong: Tuân thủ, Số liệu, Giờ, Ghi chép, Danh sách CBCC.',
        'Mục kiểm tra!6 Điều kiện đạt: Điều kiện đạt chỉ dùng cho mục kiểu Số liệu.',
        'Mục kiểm tra!9 Mã mục: Mã mục “MCT-01” trùng với dòng 2.',
      ]);
      expect(await changes()).toEqual(before);

      writeFileSync(join(dataDir, 'fixed.xlsx'), fixed);
      const published = await hubCli(['publish-template', join(dataDir, 'fixed.xlsx')], env);
      expect(published).toMatchObject({ status: 0, stderr: '' });
      expect(published.stdout).toContain('Published MCT@2');
      expect((await changes()).at(-1)).toMatchObject({ kind: 'template', entity_id: 'MCT@2' });
    });
  });
}
