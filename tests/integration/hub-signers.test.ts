import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFName, type PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { p12Signer } from '../../node-shared/signing/p12-signer';
import { signDocument } from '../../node-shared/signing/sign-document';
import { sha256HexSync } from '../../shared/hash/sha256-sync';
import { PdfFile } from '../../shared/pdf-signature/pdf-file';
import { Increment, copyDict, pdfBytes, streamBody } from '../../shared/pdf-signature/pdf-increment';
import type { SignerRole } from '../../shared/pdf-signature/verdict';
import { pushRequestFor, type ReportChange } from '../../shared/sync/protocol';
import { enrollDevice, startHub } from '../support/hub';
import { useHubApi } from '../support/hub-api-harness';
import { buildSamplePdf, sampleRecordWithBlobs } from '../support/report-fixture';
import { makeTestIdentity, type TestIdentity } from '../support/test-certificate';

type Feed = { items: Array<{ kind: string; id: string; data: ReportChange }> };

// The team lead's and the unit head's CAs are in the hub's trust folder; the stranger's is not.
// ASCII names: node-forge writes a non-ASCII name into a PKCS#12 it then cannot read back.
const lead = makeTestIdentity({ commonName: 'Nguyen Thi Anh Tuyet' });
const head = makeTestIdentity({ commonName: 'Tran Van Binh' });
const stranger = makeTestIdentity({ commonName: 'Nguoi La' });
const trustDir = mkdtempSync(join(tmpdir(), 'congvu-hub-trust-'));
writeFileSync(join(trustDir, 'lead-ca.pem'), lead.caPem);
// The folder takes DER as well as PEM.
writeFileSync(join(trustDir, 'head-ca.der'), Buffer.from(head.caPem.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64'));
afterAll(() => rmSync(trustDir, { recursive: true, force: true }));

const sign = async (pdf: Uint8Array, who: TestIdentity, role: SignerRole, name: string) =>
  (await signDocument(pdf, { signer: p12Signer(who.p12, who.passphrase), meta: { name, reason: 'Bien ban kiem tra cong vu', location: 'UBND xa Tan Hoa', role }, certify: role === 'leader' })).pdf;

/** Someone rewrites the first page between two signatures: an incremental update the first signature does not cover. */
function changeFirstPage(pdf: Uint8Array): Uint8Array {
  const file = PdfFile.read(pdf);
  const catalog = file.dict(file.trailer().get(PDFName.of('Root')))!;
  const pages = file.dict(catalog.get(PDFName.of('Pages')))!;
  const ref = file.array(pages.get(PDFName.of('Kids')))!.get(0) as PDFRef;
  const increment = new Increment(file);
  const content = increment.allocate();
  increment.set(content, streamBody(pdfBytes('BT /F1 24 Tf 72 700 Td (Khong vi pham) Tj ET')));
  const page = copyDict(file, file.dict(ref)!);
  page.set(PDFName.of('Contents'), content);
  increment.setValue(ref, page);
  return increment.build();
}

/**
 * Issue 14 on the hub, against a real hub process on SQLite and on PostgreSQL with HUB_TRUST_DIR
 * set: a report signed by the team lead and then the unit head is taken with both signers, in
 * order, handed to reviewers in the feed; another device's report is 403; a signer outside the
 * trust folder is flagged (or, with HUB_UNTRUSTED_SIGNER=refuse, refused); an edit slipped in
 * between the signatures is refused.
 */
for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`hub: every signer of a signed report, on ${backend}`, () => {
    const api = useHubApi(backend, { HUB_TRUST_DIR: trustDir });
    let other: { deviceId: string; token: string };
    const feed = async (token: string) => (await (await api.call('GET', '/api/v1/changes?limit=5000', token)).json()) as Feed;
    const reportsOf = async (id: string) => (await feed(api.reviewer.token)).items.filter((i) => i.kind === 'report' && i.data.inspectionId === id).map((i) => i.data);

    /** A record pushed by the inspector, and its unsigned PDF. */
    const pushed = async () => {
      const { record, blobs } = sampleRecordWithBlobs();
      await api.pushBlobs(blobs);
      expect((await api.call('PUT', `/api/v1/inspections/${record.inspection.id}`, api.inspector.token, pushRequestFor(record))).status).toBe(201);
      return { id: record.inspection.id, unsigned: buildSamplePdf(record, blobs) };
    };
    const attach = async (id: string, pdf: Uint8Array, token = api.inspector.token) => {
      const sha256 = sha256HexSync(pdf);
      expect([200, 201]).toContain((await api.call('PUT', `/api/v1/blobs/${sha256}`, token, undefined, pdf)).status);
      return api.call('PUT', `/api/v1/inspections/${id}/report`, token, { revision: 1, sha256 });
    };

    beforeAll(async () => {
      other = await enrollDevice(api.hub.url, 'inspector', api.env, 'Máy khác');
    });

    it('takes the report signed by the team lead, then the unit head; reviewers get every signer in order', async () => {
      const { id, unsigned } = await pushed();
      const first = await sign(unsigned, lead, 'leader', 'Nguyen Thi Anh Tuyet');
      const second = await sign(first, head, 'unit-representative', 'Tran Van Binh');
      const one = await attach(id, first);
      expect(one.status).toBe(201);
      expect(await one.json()).toMatchObject({ signer: 'Nguyen Thi Anh Tuyet', untrustedSigner: false, signers: [{ index: 1, role: 'leader', trust: 'trusted' }] });
      const two = await attach(id, second);
      expect(two.status).toBe(201);
      const body = (await two.json()) as ReportChange;
      expect(body.untrustedSigner).toBe(false);
      expect(body.signers!.map((s) => [s.index, s.kind, s.role, s.commonName, s.intact, s.trust, s.timestamp])).toEqual([
        [1, 'signature', 'leader', 'Nguyen Thi Anh Tuyet', true, 'trusted', null],
        [2, 'signature', 'unit-representative', 'Tran Van Binh', true, 'trusted', null],
      ]);
      // Not time-stamped: the claimed time is all there is, and it is kept as such.
      expect(body.signers!.every((s) => s.claimedTime !== null && !Number.isNaN(Date.parse(s.claimedTime)))).toBe(true);
      expect(body.signers![1]!.issuer).toContain('congvu Test CA');
      // Sent again: the stored answer, nothing new in the feed.
      const again = await attach(id, second);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(body);
      const reports = await reportsOf(id);
      expect(reports.map((r) => r.signers?.length)).toEqual([1, 2]);
      expect(reports[1]).toEqual(body);
      expect((await feed(api.inspector.token)).items.filter((i) => i.kind === 'report')).toEqual([]);
    });

    it("refuses another device's two-signer report of a record with 403 not_owner, storing nothing", async () => {
      const { id, unsigned } = await pushed();
      const second = await sign(await sign(unsigned, lead, 'leader', 'Nguyen Thi Anh Tuyet'), head, 'unit-representative', 'Tran Van Binh');
      const refused = await attach(id, second, other.token);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'not_owner' } });
      expect(await reportsOf(id)).toEqual([]);
      expect((await attach(id, second)).status).toBe(201);
    });

    it('takes a report with a signer outside HUB_TRUST_DIR and flags it for the reviewer', async () => {
      const { id, unsigned } = await pushed();
      const signed = await sign(await sign(unsigned, lead, 'leader', 'Nguyen Thi Anh Tuyet'), stranger, 'unit-representative', 'Nguoi La');
      const res = await attach(id, signed);
      expect(res.status).toBe(201);
      const [report] = await reportsOf(id);
      expect(report).toMatchObject({ untrustedSigner: true, signer: 'Nguyen Thi Anh Tuyet' });
      expect(report!.signers!.map((s) => [s.commonName, s.trust])).toEqual([
        ['Nguyen Thi Anh Tuyet', 'trusted'],
        ['Nguoi La', 'untrusted'],
      ]);
    });

    it('refuses a report edited between the two signatures, and one with bytes added after the last, with 422 invalid_report', async () => {
      const { id, unsigned } = await pushed();
      const first = await sign(unsigned, lead, 'leader', 'Nguyen Thi Anh Tuyet');
      const edited = await sign(changeFirstPage(first), head, 'unit-representative', 'Tran Van Binh');
      const res = await attach(id, edited);
      expect(res.status).toBe(422);
      const { error } = (await res.json()) as { error: { code: string; problems: string[] } };
      expect(error.code).toBe('invalid_report');
      expect(error.problems).toContain('changed-after-signing');
      const appended = new Uint8Array([...(await sign(first, head, 'unit-representative', 'Tran Van Binh')), ...new TextEncoder().encode('\n% them sau khi ky\n')]);
      const late = await attach(id, appended);
      expect(late.status).toBe(422);
      expect(((await late.json()) as { error: { problems: string[] } }).error.problems).toContain('appended');
      expect(await reportsOf(id)).toEqual([]);
    });

    it('with HUB_UNTRUSTED_SIGNER=refuse, refuses a signer outside the trust folder with 422 untrusted_signer', async () => {
      await api.hub.stop();
      api.hub = await startHub({ ...api.env, HUB_UNTRUSTED_SIGNER: 'refuse' });
      const { id, unsigned } = await pushed();
      const first = await sign(unsigned, lead, 'leader', 'Nguyen Thi Anh Tuyet');
      const res = await attach(id, await sign(first, stranger, 'unit-representative', 'Nguoi La'));
      expect(res.status).toBe(422);
      const { error } = (await res.json()) as { error: { code: string; message: string; signers: Array<{ commonName: string; trust: string }> } };
      expect(error.code).toBe('untrusted_signer');
      expect(error.message).toContain('Nguoi La (untrusted)');
      expect(error.signers.map((s) => s.trust)).toEqual(['trusted', 'untrusted']);
      expect(await reportsOf(id)).toEqual([]);
      expect((await attach(id, await sign(first, head, 'unit-representative', 'Tran Van Binh'))).status).toBe(201);
    });
  });
}

describe('hub start-up with a trust folder', () => {
  it('stops with a clear message when HUB_TRUST_DIR is not a folder or HUB_UNTRUSTED_SIGNER is not flag/refuse', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'congvu-hub-start-'));
    try {
      const missing = join(dataDir, 'khong-co');
      await expect(startHub({ HUB_DATA_DIR: dataDir, HUB_TRUST_DIR: missing })).rejects.toThrow(`hub exited with 2: HUB_TRUST_DIR "${missing}" is not a folder`);
      await expect(startHub({ HUB_DATA_DIR: dataDir, HUB_TRUST_DIR: trustDir, HUB_UNTRUSTED_SIGNER: 'warn' })).rejects.toThrow('HUB_UNTRUSTED_SIGNER must be "flag" or "refuse", got "warn"');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
