import { readRecordFile } from '../pdf-signature/record-file';
import { verifyDocument } from '../pdf-signature/verify-document';
import type { SignatureVerdict } from '../pdf-signature/verdict';
import type { ReportSigner } from '../sync/protocol';

export type { ReportSigner };

/**
 * Why a signed biên bản is not taken as the signed form of a record: the verifier's document
 * problems (a PDF it cannot read, no-signature, appended, changed-after-signing …) and, from
 * here, `not-ours` (not a record PDF this app made), `other-record` (made from another record),
 * `broken:<n>` (signature n does not verify), `revision:<n>` (signature n does not cover its
 * whole revision).
 */
export type ReportProblem = string;

export interface ReportCheck {
  /** Ours, from this record, every signature intact over its revision, only signatures added after. Trust is not part of it. */
  ok: boolean;
  problems: ReportProblem[];
  /** Every signature and document time-stamp, in the order they were made. */
  signers: ReportSigner[];
  /** With trust anchors given, some signer does not chain to them (or is revoked, expired, misused); false without anchors. */
  untrustedSigner: boolean;
  /** The first signer's common name (what hubs and reviewers before issue 14 kept). */
  signer: string | null;
  fileSha256: string;
}

const latin1 = new TextDecoder('latin1');

/** The first half of the trailer's /ID: the record PDF sets it from the record's content hash. */
export function pdfFileId(pdf: Uint8Array): string | null {
  const text = latin1.decode(pdf.subarray(Math.max(0, pdf.length - 64 * 1024)));
  const matches = [...text.matchAll(/\/ID\s*\[\s*<([0-9A-Fa-f]+)>/g)];
  return matches.at(-1)?.[1]?.toUpperCase() ?? null;
}

function signerOf(verdict: SignatureVerdict): ReportSigner {
  const stamp = verdict.timestamp?.intact ? verdict.timestamp.time : null;
  return {
    index: verdict.index,
    kind: verdict.kind,
    role: verdict.role,
    commonName: verdict.signer?.commonName ?? verdict.name ?? '',
    subject: verdict.signer?.subject ?? '',
    issuer: verdict.signer?.issuer ?? '',
    intact: verdict.intact,
    trust: verdict.trust,
    timestamp: stamp,
    claimedTime: verdict.claimedTime,
  };
}

/**
 * Whether a signed biên bản is the signed form of this record: the file is a record PDF of ours
 * carrying the record's hash in its /ID (so one record's PDF cannot pass for another's); every
 * signature is intact and covers the file as it was when made; every later revision only adds
 * signatures and their validation data; nothing is appended after the last one. A file signed
 * once by the previous app (adbe.pkcs7.detached) checks out the same way. Trust in the signers is
 * reported, not required: the hub decides whether an untrusted signer is flagged or refused.
 */
export function checkSignedReport(pdf: Uint8Array, contentHash: string, trust: { anchors?: readonly Uint8Array[]; intermediates?: readonly Uint8Array[] } = {}): ReportCheck {
  const anchors = trust.anchors ?? [];
  const verdict = verifyDocument(pdf, { anchors: [...anchors], material: { certificates: [...(trust.intermediates ?? [])], crls: [], ocspResponses: [] } });
  // Trust is the caller's to weigh; broken signatures and byte ranges are said signature by signature below.
  const problems: ReportProblem[] = verdict.problems.filter((p) => !['untrusted', 'signature-broken', 'byte-range'].includes(p));
  const file = readRecordFile(pdf);
  if (verdict.signatures.length > 0 || verdict.problems.includes('no-signature')) {
    if (!file.ours) problems.push('not-ours');
    else if (file.fileId?.toUpperCase() !== contentHash.slice(0, 32).toUpperCase()) problems.push('other-record');
  }
  for (const s of verdict.signatures) {
    if (!s.intact) problems.push(`broken:${s.index}`);
    if (!s.coversRevision) problems.push(`revision:${s.index}`);
  }
  if (!verdict.changes.allowed) problems.push('changed-after-signing');
  if (verdict.signatures.length > 0 && !verdict.signatures.some((s) => s.kind === 'signature')) problems.push('no-signature');
  const signers = verdict.signatures.map(signerOf);
  const untrustedSigner = anchors.length > 0 && signers.some((s) => s.kind === 'signature' && s.trust !== 'trusted');
  const unique = [...new Set(problems)];
  return { ok: unique.length === 0, problems: unique, signers, untrustedSigner, signer: signers.find((s) => s.kind === 'signature')?.commonName ?? null, fileSha256: verdict.fileSha256 };
}
