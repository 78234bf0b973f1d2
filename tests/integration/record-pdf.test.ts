import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import forge from 'node-forge';
import { p12Signer } from '../../node-shared/signing/p12-signer';
import { signDocument } from '../../node-shared/signing/sign-document';
import { checkSignedReport } from '../../shared/review/report-binding';
import { SigningError } from '../../node-shared/signing/certificate';
import type { InspectionRecord } from '../../shared/inspection/record';
import { verifyDocument } from '../../shared/pdf-signature/verify-document';
import { signRecordPdf } from '../support/sign-record';
import { buildSamplePdf, sampleRecordWithBlobs } from '../support/report-fixture';
import { makeTestIdentity, type TestIdentity } from '../support/test-certificate';

/**
 * The biên bản as users get it, checked with the tools a records office would use: poppler's
 * pdftotext, pdfsig and pdftoppm, and qpdf.
 */
const dir = mkdtempSync(join(tmpdir(), 'congvu-pdf-'));
let identity: TestIdentity;
let record: InspectionRecord;
let blobs: Map<string, Uint8Array>;
let pdf: Uint8Array;
let signed: Uint8Array;

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const pdftotext = (path: string, ...args: string[]) => execFileSync('pdftotext', [...args, path, '-'], { encoding: 'utf8' });
/** pdfsig exits 0 whatever it finds: its text is the verdict. */
const pdfsig = (path: string) => spawnSync('pdfsig', [path], { encoding: 'utf8' }).stdout;
const qpdfCheck = (path: string) => spawnSync('qpdf', ['--check', path], { encoding: 'utf8' });
/** pdftotext lays words out as on the page: compare with single spaces. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  identity = makeTestIdentity();
  ({ record, blobs } = sampleRecordWithBlobs({ photos: 2 }));
  pdf = buildSamplePdf(record, blobs);
  signed = await signRecordPdf(pdf, identity, { meta: { reason: 'Ký biên bản kiểm tra công vụ', location: 'Xã Tân Phước Hưng', name: 'Nguyễn Thị Ánh Tuyết', role: 'leader' } });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the record PDF', () => {
  it('gives back its Vietnamese text exactly, in NFC, every name with its diacritics', () => {
    const text = pdftotext(write('record.pdf', pdf));
    expect(text).toBe(text.normalize('NFC'));
    const words = flat(text);
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BIÊN BẢN',
      'Kiểm tra đột xuất việc thực thi công vụ',
      'Căn cứ Công điện số 968/CĐ-TTg',
      'Biên bản kết thúc vào hồi',
      'Nơi nhận:',
      'Lưu: VT, Hồ sơ.',
      'PHỤ LỤC: ẢNH MINH CHỨNG',
      record.inspection.contentHash!,
      ...record.inspection.team.map((m) => m.name),
      ...record.roster.map((r) => r.name),
      record.inspection.unit.name,
    ]) {
      expect(words, expected).toContain(expected);
    }
  });

  it('is the same bytes every time for a finalized record', () => {
    expect(Buffer.compare(Buffer.from(buildSamplePdf(record, blobs)), Buffer.from(pdf))).toBe(0);
  });

  it('puts page 1 in the Decree 30 layout: A4, margins kept, header in two columns, no page number', () => {
    const path = write('layout.pdf', pdf);
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/);
    const bbox = pdftotext(path, '-bbox', '-f', '1', '-l', '1');
    const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), word: m[5]!,
    }));
    const mm = (pt: number) => (pt * 25.4) / 72;
    const body = words.filter((w) => mm(w.y1) < 297 - 15);
    // Left margin 30 mm, right 15 mm (a little slack for glyph side bearings).
    expect(Math.min(...body.map((w) => mm(w.x0)))).toBeGreaterThanOrEqual(29.5);
    expect(Math.max(...body.map((w) => mm(w.x1)))).toBeLessThanOrEqual(210 - 15 + 0.5);
    expect(Math.min(...words.map((w) => mm(w.y0)))).toBeGreaterThanOrEqual(19);
    const motto = words.find((w) => w.word === 'CỘNG')!;
    const leftColumn = words.filter((w) => ['UBND', 'CẦN', 'THƠ', 'SỞ', 'NỘI', 'VỤ'].includes(w.word) && w.y0 < motto.y1 + 20);
    expect(leftColumn).toHaveLength(6);
    expect(mm(motto.x0)).toBeGreaterThan(Math.max(...leftColumn.map((w) => mm(w.x1))) + 5);
    expect(Math.abs(motto.y0 - words.find((w) => w.word === 'UBND')!.y0)).toBeLessThan(2);
    const title = words.find((w) => w.word === 'BIÊN')!;
    const titleCentre = mm((title.x0 + words.find((w) => w.word === 'BẢN' && Math.abs(w.y0 - title.y0) < 1)!.x1) / 2);
    expect(Math.abs(titleCentre - (30 + 165 / 2))).toBeLessThan(1);
    // No page number at the top of page 1; "2" centred at the top of page 2.
    expect(words.filter((w) => mm(w.y1) < 19)).toHaveLength(0);
    const page2 = pdftotext(path, '-bbox', '-f', '2', '-l', '2');
    expect(page2).toMatch(/<word xMin="[\d.]+" yMin="(2\d|3\d)\.[\d]+" xMax="[\d.]+" yMax="[\d.]+">2<\/word>/);
  });

  it('renders page 1 to an image with ink where the header, title and body are', () => {
    const path = write('render.pdf', pdf);
    execFileSync('pdftoppm', ['-png', '-r', '30', '-f', '1', '-l', '1', '-gray', path, join(dir, 'page')]);
    const png = readFileSync(join(dir, 'page-1.png'));
    // 30 dpi A4: 248 × 351 pixels.
    expect(Math.abs(png.readUInt32BE(16) - 248)).toBeLessThanOrEqual(1);
    expect(Math.abs(png.readUInt32BE(20) - 351)).toBeLessThanOrEqual(1);
    expect(png.length).toBeGreaterThan(4000);
  });

  it('passes qpdf --check, unsigned and signed', () => {
    expect(qpdfCheck(write('plain.pdf', pdf)).status).toBe(0);
    const check = qpdfCheck(write('signed-check.pdf', signed));
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('No syntax or stream encoding errors');
  });
});

describe('the signed record', () => {
  it('is reported valid by pdfsig and covers the whole document', () => {
    const out = pdfsig(write('signed.pdf', signed));
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signer Certificate Common Name: Nguyen Thi Anh Tuyet');
    expect(out).toContain('ETSI.CAdES.detached');
  });

  it('keeps its metadata in ASCII', () => {
    const text = new TextDecoder('latin1').decode(signed);
    expect(text).toContain('/Reason (Ky bien ban kiem tra cong vu)');
    expect(text).toContain('/Location (Xa Tan Phuoc Hung)');
  });

  it('is accepted by our verifier, with the signer, and trusted when its CA is given', () => {
    const der = (pem: string) => new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(pem))).getBytes(), 'binary'));
    const plain = verifyDocument(signed);
    expect(plain).toMatchObject({ ok: true, problems: [] });
    expect(plain.signatures.map((s) => [s.signer?.commonName, s.trust, s.intact, s.coversToEnd])).toEqual([['Nguyen Thi Anh Tuyet', 'unknown', true, true]]);
    expect(verifyDocument(signed, { anchors: [der(identity.caPem)] }).signatures[0]!.trust).toBe('trusted');
    const stranger = makeTestIdentity();
    expect(verifyDocument(signed, { anchors: [der(stranger.caPem)] })).toMatchObject({ ok: false, problems: ['untrusted'] });
  });

  it('carries the record hash through signing, so the hub and the reviewer can tie the file to its record', () => {
    expect(checkSignedReport(signed, record.inspection.contentHash!)).toMatchObject({ ok: true, problems: [] });
    expect(checkSignedReport(signed, 'f'.repeat(64)).problems).toEqual(['other-record']);
    expect(checkSignedReport(pdf, record.inspection.contentHash!).problems).toContain('no-signature');
  });

  it('gives "Digest Mismatch" when one byte anywhere in the signed ranges is flipped', () => {
    const text = new TextDecoder('latin1').decode(signed);
    const [, b, c] = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/.exec(text)!.slice(1).map(Number) as [number, number, number, number];
    // Bytes inside stream data of the first range, and in the part after the signature.
    const streamAt = text.indexOf('stream\n', 2000) + 200;
    // …and in the signature dictionary after the hole (the end of the file is the cross-reference
    // table, where a flipped digit makes pdfsig lose the signature rather than report it).
    const positions = [streamAt, Math.floor(b / 2), text.indexOf('/Location (', c) + 12, text.indexOf('/Reason (', c) + 12];
    for (const at of positions) {
      const tampered = signed.slice();
      tampered[at] = tampered[at]! ^ 0x01;
      const out = pdfsig(write(`flip-${at}.pdf`, tampered));
      expect(out, `byte ${at}`).toContain('Digest Mismatch');
      expect(verifyDocument(tampered).signatures[0]?.problems, `byte ${at}`).toContain('digest-mismatch');
    }
  });

  it('is rejected by our verifier when an incremental update is appended after signing', () => {
    const text = new TextDecoder('latin1').decode(signed);
    const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
    const size = Number(/\/Size (\d+)/.exec(text.slice(text.lastIndexOf('trailer')))![1]);
    const root = /\/Root (\d+ \d+ R)/.exec(text.slice(text.lastIndexOf('trailer')))![1];
    const objOffset = signed.length + 1;
    const update = `\n${size} 0 obj\n<< /Note (added after signing) >>\nendobj\n`;
    const xrefOffset = signed.length + update.length;
    const tail = `xref\n${size} 1\n${String(objOffset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Prev ${startxref} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
    const appended = new Uint8Array(Buffer.concat([Buffer.from(signed), Buffer.from(update + tail, 'latin1')]));
    const verdict = verifyDocument(appended);
    expect(verdict.ok).toBe(false);
    expect(verdict.changes.problems.join('\n')).toMatch(/object \d+ added that is not a signature or validation data/);
    // pdfsig still calls the signature itself valid: only the coverage tells.
    const out = pdfsig(write('appended.pdf', appended));
    expect(out).not.toContain('Total document signed');
  });

  it('refuses a wrong passphrase and a certificate outside its validity, with a clear code', async () => {
    expect(() => p12Signer(identity.p12, 'sai mật khẩu')).toThrow(expect.objectContaining({ code: 'err.sign.passphrase' }));
    const expired = makeTestIdentity({ days: [-400, -30] });
    const meta = { reason: 'x', location: 'y', name: 'z', role: 'leader' as const };
    await expect(signDocument(pdf, { signer: p12Signer(expired.p12, expired.passphrase), meta, certify: true })).rejects.toMatchObject({ code: 'err.sign.expired' });
    await expect(signDocument(pdf, { signer: p12Signer(expired.p12, expired.passphrase), meta, certify: true })).rejects.toBeInstanceOf(SigningError);
    expect(() => p12Signer(new Uint8Array([1, 2, 3]), 'x')).toThrow(expect.objectContaining({ code: 'err.sign.notP12' }));
  });

  it('says what is wrong with files that are not signed PDFs', () => {
    expect(verifyDocument(new TextEncoder().encode('hello')).problems).toEqual(['not-pdf']);
    expect(verifyDocument(pdf).problems).toEqual(['no-signature']);
  });
});

describe('hostile text', () => {
  it('prints long notes, markup, emoji and empty fields as plain text without breaking the layout', () => {
    const long = 'Ghi chú rất dài về việc không đeo thẻ công chức khi tiếp công dân. '.repeat(130);
    const { record: hostile, blobs: hostileBlobs } = sampleRecordWithBlobs({
      mutate: (r) => {
        r.findings[0]!.note = long;
        r.findings[1]!.note = '<script>alert(1)</script>';
        r.findings[2]!.note = '';
        r.recommendations = [];
        r.findings[3]!.note = 'A'.repeat(3000);
        r.findings[4]!.note = 'Dòng một\nDòng hai\tcó tab\u0007chuông';
        r.inspection.conclusion = '<script>alert("xss")</script><b>in đậm</b> & %PDF-1.7 \\ ) (\nCán bộ vui vẻ 😀👍 — “ngoặc kép” ‘đơn’ … ½ €';
        r.inspection.unit.address = '';
        r.roster[0]!.note = 'Nguyễn Văn A'.normalize('NFD');
      },
    });
    const bytes = buildSamplePdf(hostile, hostileBlobs);
    const path = write('hostile.pdf', bytes);
    expect(qpdfCheck(path).status).toBe(0);
    const text = pdftotext(path);
    const words = flat(text);
    expect(words).toContain('<script>alert("xss")</script><b>in đậm</b> & %PDF-1.7 \\ ) (');
    expect(words).toContain('Cán bộ vui vẻ ?? — “ngoặc kép” ‘đơn’ … ½ €');
    expect(words).toContain('Dòng hai có tab');
    expect(words).toContain('Nguyễn Văn A'); // NFD input comes out NFC
    expect(text).toBe(text.normalize('NFC'));
    expect(words).toContain('<script>alert(1)</script>');
    expect(words).toContain('Đoàn kiểm tra không có kiến nghị.');
    expect(words).toContain('2. Đại diện đơn vị được kiểm tra: - Phạm Minh Khôi, Chủ tịch UBND xã;');
    // Everything stays inside the margins, however long the words.
    const bbox = pdftotext(path, '-bbox');
    const xs = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(Math.min(...xs.map((x) => x[0]))).toBeGreaterThanOrEqual(((30 - 1) * 72) / 25.4);
    expect(Math.max(...xs.map((x) => x[1]))).toBeLessThanOrEqual(((210 - 15 + 1) * 72) / 25.4);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(4);
    expect(pages).toBeLessThan(40);
  });
});
