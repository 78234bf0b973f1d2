/**
 * `npm run verify -- <file.pdf> [--trust <folder>] [--json] [--offline]`
 * Prints the verdict of every signature in a biên bản; exits 0 only if every signature is intact,
 * nothing but signatures and validation data was added after the first, and, with --trust, every
 * signer chains to a root in that folder. Revocation comes from the file's own validation data;
 * what is missing is fetched online unless --offline.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { verdictText } from '../shared/pdf-signature/verdict-text';
import type { DocumentVerdict } from '../shared/pdf-signature/verdict';
import { verifyWithRevocation } from '../node-shared/signing/verify-online';
import { CliError, trustFrom } from './cli/signing-options';

const USAGE = 'Cách dùng / usage: npm run verify -- <tệp.pdf> [--trust <thư mục chứng thư gốc>] [--json] [--offline]';
const MAX_PDF_BYTES = 100 * 1024 * 1024;

/** The JSON the issue names, one entry per signature in order, plus the document's own verdict. */
export function verdictJson(verdict: DocumentVerdict, trustGiven: boolean) {
  return {
    ok: verdict.ok,
    fileSha256: verdict.fileSha256,
    problems: verdict.problems,
    changes: verdict.changes,
    signatures: verdict.signatures.map((s) => ({
      index: s.index,
      kind: s.kind,
      role: s.role,
      signer: s.signer,
      intact: s.intact && s.coversRevision,
      coversToEnd: s.coversToEnd,
      trusted: trustGiven ? s.trust === 'trusted' : null,
      trust: s.trust,
      timestamp: s.timestamp,
      claimedTime: s.claimedTime,
      validatedAt: s.validatedAt,
      validatedAtSource: s.validatedAtSource,
      revocation: s.revocation,
      certification: s.certification,
      problems: s.problems,
    })),
  };
}

export async function runVerify(argv: string[]): Promise<{ out: string; code: number }> {
  const { values, positionals } = parseArgs({ args: argv, options: { trust: { type: 'string' }, json: { type: 'boolean' }, offline: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new CliError(USAGE);
  const path = positionals[0]!;
  let pdf: Uint8Array;
  try {
    pdf = new Uint8Array(readFileSync(path));
  } catch {
    throw new CliError(`Không đọc được tệp: ${path}`);
  }
  if (pdf.length > MAX_PDF_BYTES) throw new CliError('Tệp lớn hơn 100 MB, không phải biên bản.');
  const trust = await trustFrom(values.trust);
  const verdict = await verifyWithRevocation(pdf, { anchors: trust.anchors, intermediates: trust.intermediates, online: !values.offline });
  const out = values.json ? JSON.stringify(verdictJson(verdict, values.trust !== undefined), null, 2) : verdictText('vi', verdict);
  return { out, code: verdict.ok ? 0 : 1 };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  runVerify(process.argv.slice(2)).then(
    ({ out, code }) => {
      console.log(out);
      process.exit(code);
    },
    (error: unknown) => {
      console.error(`Lỗi: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}
