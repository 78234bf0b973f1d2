/**
 * `npm run report -- --in <export .zip | record .json> --out <file.pdf> [--p12 <file> --pass-env <VAR> | --pkcs11 <module> [--token-label <label>] [--cert-id <hex>] --pin-env <VAR>] [--tsa <url>]`
 * Renders the biên bản of an inspection without the app and, with a PKCS#12 file or a USB token,
 * signs it as the team lead (the certifying first signature), time-stamped when a TSA is given.
 * Secrets are read from the named environment variables, never from the command line.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SigningError } from '../node-shared/signing/certificate';
import { signDocument } from '../node-shared/signing/sign-document';
import { CliError, SIGNING_USAGE, checkTsaUrl, onlineHelpers, openSigner, signingOptionSpec, trustFrom, wantsSignature } from './cli/signing-options';
import { writeFileDurably } from '../node-shared/fs/write-durably';
import { inspectionExportSchema, parseExportZip } from '../shared/exchange/inspection-export';
import { sha256HexSync } from '../shared/hash/sha256-sync';
import { inspectionRecordSchema, type InspectionRecord } from '../shared/inspection/record';
import { defaultLegalBases } from '../shared/legal-bases/default-legal-bases';
import { loadFonts } from '../node-shared/fonts/load-fonts';
import { issuerOf } from '../shared/report/issuer';
import { buildRecordPdf } from '../shared/report/record-pdf';
import { verifyDocument } from '../shared/pdf-signature/verify-document';
import { builtInTemplates } from '../shared/templates';
import { signingMessagesVi } from '../shared/messages/signing-messages';

const USAGE = `Cách dùng / usage: npm run report -- --in <tệp xuất .zip | record .json> --out <tệp.pdf> [--revision N] ${SIGNING_USAGE}`;

export class ReportCliError extends CliError {
  override name = 'ReportCliError';
}

export { loadFonts };

/** The record to print (the newest revision unless one is asked for) and the blobs that came with it. */
export function readInput(path: string, revision?: number): { record: InspectionRecord; blobs: Map<string, Uint8Array> } {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch {
    throw new ReportCliError(`Không đọc được tệp đầu vào: ${path}`);
  }
  let revisions: InspectionRecord[];
  let blobs = new Map<string, Uint8Array>();
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const parsed = parseExportZip(bytes);
    revisions = parsed.data.revisions;
    blobs = parsed.blobs;
  } else {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new ReportCliError(`Tệp không phải .zip xuất từ ứng dụng hay JSON hợp lệ: ${path}`);
    }
    const asExport = inspectionExportSchema.safeParse(json);
    const asRecord = inspectionRecordSchema.safeParse(json);
    if (asExport.success) revisions = asExport.data.revisions;
    else if (asRecord.success) revisions = [asRecord.data];
    else throw new ReportCliError(`Nội dung JSON không phải biên bản hợp lệ: ${asRecord.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const record = revision === undefined ? revisions.at(-1)! : revisions.find((r) => r.inspection.revision === revision);
  if (!record) throw new ReportCliError(`Không có lần sửa số ${revision} trong tệp.`);
  return { record, blobs };
}

export async function runReport(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: { in: { type: 'string' }, out: { type: 'string' }, revision: { type: 'string' }, ...signingOptionSpec },
    strict: true,
  });
  if (!values.in || !values.out) throw new ReportCliError(USAGE);
  if ((values.p12 === undefined) !== (values['pass-env'] === undefined)) throw new ReportCliError('--p12 và --pass-env phải đi cùng nhau.');
  if ((values.pkcs11 === undefined) !== (values['pin-env'] === undefined)) throw new ReportCliError('--pkcs11 và --pin-env phải đi cùng nhau.');
  const tsaUrl = checkTsaUrl(values.tsa);
  const revision = values.revision === undefined ? undefined : Number(values.revision);
  if (revision !== undefined && !(Number.isInteger(revision) && revision >= 1)) throw new ReportCliError('--revision phải là số nguyên dương.');
  const { record, blobs } = readInput(values.in, revision);
  let pdf = buildRecordPdf({ record, templates: builtInTemplates, legalBases: defaultLegalBases, fonts: loadFonts(), blob: (sha) => blobs.get(sha) });
  const lines: string[] = [];
  if (record.inspection.status !== 'finalized') lines.push('Lưu ý: biên bản chưa hoàn tất (bản nháp).');
  if (wantsSignature(values)) {
    if (record.inspection.status !== 'finalized') throw new ReportCliError('Chỉ ký số biên bản đã hoàn tất.');
    const trust = await trustFrom(values.trust);
    const { signer, close } = await openSigner(values, env);
    try {
      const leader = record.inspection.team.find((m) => m.role === 'leader');
      const result = await signDocument(pdf, {
        signer,
        meta: { reason: `Biên bản kiểm tra công vụ ${record.inspection.unit.name}`, location: record.inspection.place, name: leader?.name ?? issuerOf(record.inspection).agency, role: 'leader' },
        certify: true,
        anchors: [...trust.anchors, ...trust.intermediates],
        ...onlineHelpers(tsaUrl),
      });
      pdf = result.pdf;
      if (tsaUrl && !result.timestamped) lines.push(`Chưa có dấu thời gian: ${signingMessagesVi[result.timestampError ?? 'err.sign.tsaUnreachable']}`);
    } finally {
      close();
    }
    const verdict = verifyDocument(pdf, { anchors: trust.anchors, material: { certificates: trust.intermediates } });
    if (!verdict.signatures.every((s) => s.intact && s.coversRevision)) throw new ReportCliError(`Chữ ký vừa tạo không kiểm tra được: ${verdict.problems.join(', ')}`);
    const made = verdict.signatures[0]!;
    lines.push(`Đã ký số: ${made.signer?.subject}${made.timestamp ? ' (có dấu thời gian)' : ''}`);
  }
  await writeFileDurably(values.out, pdf);
  lines.push(`Đã ghi ${values.out} (${(pdf.length / 1024).toFixed(0)} KB), SHA-256 ${sha256HexSync(pdf)}`);
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  runReport(process.argv.slice(2)).then(
    (out) => console.log(out),
    (error: unknown) => {
      // The same Vietnamese sentences the app shows for these errors.
      const message = error instanceof SigningError ? signingMessagesVi[error.code] : error instanceof Error ? error.message : String(error);
      console.error(`Lỗi: ${message}`);
      process.exit(1);
    },
  );
}
