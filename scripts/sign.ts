/**
 * `npm run sign -- --in <record .pdf> --out <file.pdf> (--p12 … | --pkcs11 …) [--tsa <url>] [--role …]`
 * Adds one signature to a biên bản PDF, signed or not yet, as an incremental update: the unit's
 * head signing after the team lead, without the app. Refuses a PDF that is not one of our records,
 * and one whose earlier signatures are broken or that was changed after them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readRecordFile } from '../shared/pdf-signature/record-file';
import { verifyDocument } from '../shared/pdf-signature/verify-document';
import { verdictText } from '../shared/pdf-signature/verdict-text';
import type { SignerRole } from '../shared/pdf-signature/verdict';
import { signingMessagesVi } from '../shared/messages/signing-messages';
import { SigningError } from '../node-shared/signing/certificate';
import { signDocument } from '../node-shared/signing/sign-document';
import { summarizeCertificate } from '../shared/pdf-signature/signature-reader';
import { writeFileDurably } from '../node-shared/fs/write-durably';
import { CliError, SIGNING_USAGE, checkTsaUrl, onlineHelpers, openSigner, signingOptionSpec, trustFrom } from './cli/signing-options';

const USAGE = `Cách dùng / usage: npm run sign -- --in <biên bản .pdf> --out <tệp.pdf> ${SIGNING_USAGE} [--role leader|unit-representative|recorder] [--reason <lý do>] [--location <nơi ký>]`;
const ROLES: readonly SignerRole[] = ['leader', 'unit-representative', 'recorder'];
const MAX_PDF_BYTES = 100 * 1024 * 1024;

export async function runSign(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: { in: { type: 'string' }, out: { type: 'string' }, role: { type: 'string' }, reason: { type: 'string' }, location: { type: 'string' }, ...signingOptionSpec },
    strict: true,
  });
  if (!values.in || !values.out || (values.p12 === undefined && values.pkcs11 === undefined)) throw new CliError(USAGE);
  if (values.role !== undefined && !ROLES.includes(values.role as SignerRole)) throw new CliError(`--role phải là một trong: ${ROLES.join(', ')}`);
  const tsaUrl = checkTsaUrl(values.tsa);
  let pdf: Uint8Array;
  try {
    pdf = new Uint8Array(readFileSync(values.in));
  } catch {
    throw new CliError(`Không đọc được tệp: ${values.in}`);
  }
  if (pdf.length > MAX_PDF_BYTES) throw new CliError('Tệp lớn hơn 100 MB, không phải biên bản.');
  const record = readRecordFile(pdf);
  if (!record.ours) throw new SigningError('err.sign.notOurRecord');
  const trust = await trustFrom(values.trust);
  const before = record.signatureCount > 0 ? verifyDocument(pdf, { anchors: trust.anchors, material: { certificates: trust.intermediates } }) : null;
  if (before && (before.signatures.some((s) => !s.intact || !s.coversRevision) || !before.changes.allowed || before.problems.includes('appended'))) {
    throw new CliError(`${signingMessagesVi['err.sign.earlierBroken']}\n${verdictText('vi', before)}`);
  }
  const taken = new Set(before?.signatures.map((s) => s.role) ?? []);
  const role = (values.role as SignerRole | undefined) ?? ROLES.find((r) => !taken.has(r))!;
  if (taken.has(role)) throw new SigningError('err.sign.alreadySigned');
  const first = before?.signatures.find((s) => s.kind === 'signature');
  const { signer, close } = await openSigner(values, env);
  try {
    const who = summarizeCertificate(signer.certificate);
    const result = await signDocument(pdf, {
      signer,
      meta: {
        name: who.commonName,
        reason: values.reason ?? first?.reason ?? 'Ky bien ban kiem tra cong vu',
        location: values.location ?? first?.location ?? '',
        role,
      },
      certify: !before,
      anchors: [...trust.anchors, ...trust.intermediates],
      ...onlineHelpers(tsaUrl),
    });
    const after = verifyDocument(result.pdf, { anchors: trust.anchors, material: { certificates: trust.intermediates } });
    if (after.signatures.some((s) => !s.intact || !s.coversRevision) || !after.changes.allowed) throw new CliError(`Chữ ký vừa tạo không kiểm tra được: ${after.problems.join(', ')}`);
    await writeFileDurably(values.out, result.pdf);
    const lines = [`Đã ký (${role}): ${who.subject}`];
    if (tsaUrl && !result.timestamped) lines.push(`Chưa có dấu thời gian: ${signingMessagesVi[result.timestampError ?? 'err.sign.tsaUnreachable']}`);
    if (result.timestamped) lines.push(`Có dấu thời gian${result.validationDataEmbedded ? '; đã nhúng chuỗi chứng thư và dữ liệu thu hồi (LTV)' : ''}.`);
    lines.push(`Đã ghi ${values.out} (${(result.pdf.length / 1024).toFixed(0)} KB), ${after.signatures.length} chữ ký.`);
    return lines.join('\n');
  } finally {
    close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  runSign(process.argv.slice(2)).then(
    (out) => console.log(out),
    (error: unknown) => {
      const message = error instanceof SigningError ? signingMessagesVi[error.code] : error instanceof Error ? error.message : String(error);
      console.error(`Lỗi: ${message}`);
      process.exit(1);
    },
  );
}
