import { sha256 } from '@noble/hashes/sha2.js';
import { PDFName, PDFRawStream } from 'pdf-lib';
import { judgeChanges } from './modification-rules';
import { PdfFile, PdfFormatError } from './pdf-file';
import { signatureFields, type SignatureField } from './signature-fields';
import { RangeDigests, bytesDigest, type CoveredDigest } from './range-digests';
import { readSignatureValue, readTimestamp, summarize } from './signature-reader';
import { validateCertificate } from './trust/validate';
import type { ValidationMaterial } from './trust/types';
import type { DocumentVerdict, RevocationVerdict, SignatureVerdict, TimestampVerdict, TrustStatus } from './verdict';

export interface VerifyOptions {
  /** Trusted roots, DER; none given, trust is 'unknown'. */
  anchors?: readonly Uint8Array[];
  /** More validation data (intermediates from the trust folder, revocation data fetched online). */
  material?: Partial<ValidationMaterial>;
  /** The CRLs and OCSP responses in `material` were fetched now (not embedded in the file). */
  fetchedRevocation?: boolean;
  now?: Date;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const NO_REVOCATION: RevocationVerdict = { status: 'unknown', source: null, kind: null, revokedAt: null };

/** The validation data in the catalog's DSS, as of the last revision. */
function dssMaterial(file: PdfFile): ValidationMaterial {
  const catalog = file.dict(file.trailer().get(PDFName.of('Root')));
  const dss = file.dict(catalog?.get(PDFName.of('DSS')));
  const streams = (key: string) =>
    (file.array(dss?.get(PDFName.of(key)))?.asArray() ?? []).flatMap((ref) => {
      const stream = file.resolve(ref);
      return stream instanceof PDFRawStream && stream.dict.get(PDFName.of('Filter')) === undefined ? [stream.contents] : [];
    });
  return { certificates: streams('Certs'), crls: streams('CRLs'), ocspResponses: streams('OCSPs') };
}

function mergeMaterial(...parts: Array<Partial<ValidationMaterial> | undefined>): ValidationMaterial {
  return {
    certificates: parts.flatMap((p) => [...(p?.certificates ?? [])]),
    crls: parts.flatMap((p) => [...(p?.crls ?? [])]),
    ocspResponses: parts.flatMap((p) => [...(p?.ocspResponses ?? [])]),
  };
}

/**
 * Verifies every signature of a PDF, in the order they were made, and the revisions between them:
 * each must be intact and cover its whole revision, later revisions may only add signatures and
 * validation data, and every signer is judged against the trust anchors at the time a time-stamp
 * vouches for (or the claimed time, said as such).
 */
export function verifyDocument(pdf: Uint8Array, options: VerifyOptions = {}): DocumentVerdict {
  const fail = (fileSha256: string, problem: string): DocumentVerdict => ({ ok: false, fileSha256, signatures: [], changes: { allowed: false, problems: [] }, problems: [problem] });
  let file: PdfFile;
  try {
    file = PdfFile.read(pdf);
  } catch (error) {
    return fail(hex(sha256(pdf)), error instanceof PdfFormatError ? error.problem : 'unreadable');
  }
  const fields = signatureFields(file)
    .filter((f) => f.byteRange !== null)
    .sort((a, b) => a.byteRange![2]! + a.byteRange![3]! - (b.byteRange![2]! + b.byteRange![3]!));
  const digests = new RangeDigests(pdf, fields.map((f) => f.byteRange![1]!));
  const fileSha256 = hex(digests.fileSha256());
  if (fields.length === 0) return { ...fail(fileSha256, 'no-signature'), changes: { allowed: true, problems: [] } };
  const anchors = options.anchors ?? [];
  const given = options.material ?? {};
  const material: Materials = {
    embedded: mergeMaterial(dssMaterial(file), options.fetchedRevocation ? { certificates: given.certificates } : given),
    fetched: options.fetchedRevocation ? { certificates: [], crls: given.crls ?? [], ocspResponses: given.ocspResponses ?? [] } : null,
  };
  const ends = file.revisions.map((r) => r.end);
  const now = options.now ?? new Date();
  // Document time-stamps first: a signature made offline takes its proof of time from the first
  // intact one made after it (the signature existed by then), and its signer is judged at that time.
  const stamps = new Map<number, InternalVerdict>();
  fields.forEach((field, i) => {
    if (field.kind === 'document-timestamp') stamps.set(i, judgeSignature(file, digests, field, i + 1, ends, anchors, material, now, null));
  });
  const signatures: InternalVerdict[] = fields.map((field, i) => {
    if (stamps.has(i)) return stamps.get(i)!;
    const later = [...stamps.entries()].find(([j, s]) => j > i && s.intact && s.timestamp)?.[1].timestamp ?? null;
    return judgeSignature(file, digests, field, i + 1, ends, anchors, material, now, later);
  });
  const covered = signatures.filter((s) => s.coversRevision).map((s) => ends.indexOf(s.coversEnd));
  const firstSigned = covered.length ? Math.min(...covered) : null;
  const changes = judgeChanges(file, firstSigned);
  const problems: string[] = [];
  if (file.revisions.at(-1)!.end < pdf.length && /[^\s\0]/.test(new TextDecoder('latin1').decode(pdf.subarray(file.revisions.at(-1)!.end)))) problems.push('appended');
  if (signatures.some((s) => !s.intact)) problems.push('signature-broken');
  if (signatures.some((s) => !s.coversRevision)) problems.push('byte-range');
  if (!changes.allowed) problems.push('changed-after-signing');
  if (anchors.length > 0 && signatures.some((s) => s.trust !== 'trusted')) problems.push('untrusted');
  return { ok: problems.length === 0, fileSha256, signatures: signatures.map(({ coversEnd: _, ...s }) => s), changes, problems };
}

type InternalVerdict = SignatureVerdict & { coversEnd: number };

function judgeSignature(
  file: PdfFile,
  digests: RangeDigests,
  field: SignatureField,
  index: number,
  ends: number[],
  anchors: readonly Uint8Array[],
  material: Materials,
  now: Date,
  laterTimestamp: TimestampVerdict | null,
): InternalVerdict {
  const pdf = file.bytes;
  const [a, b, c, d] = field.byteRange!;
  const problems: string[] = [];
  const end = c! + d!;
  const rangeOk = a === 0 && b! > 0 && c! > b! && end <= pdf.length && pdf[b!] === 0x3c && pdf[c! - 1] === 0x3e;
  if (!rangeOk) problems.push('byte-range');
  const coversRevision = rangeOk && ends.includes(end);
  if (rangeOk && !coversRevision) problems.push('byte-range-not-a-revision');
  const covered: CoveredDigest = rangeOk ? digests.covered([a!, b!, c!, d!]) : () => new Uint8Array(0);
  const base: InternalVerdict = {
    index,
    kind: field.kind,
    subFilter: field.subFilter,
    signer: null,
    role: field.role,
    name: field.name,
    reason: field.reason,
    location: field.location,
    claimedTime: field.claimedTime,
    intact: false,
    coversRevision,
    coversToEnd: rangeOk && end === ends.at(-1) && end >= pdf.length - 2,
    certification: field.docMdp ? { permission: field.docMdp } : null,
    timestamp: null,
    validatedAt: null,
    validatedAtSource: 'now',
    trust: 'unknown',
    revocation: NO_REVOCATION,
    problems,
    coversEnd: end,
  };
  if (!field.contents) return { ...base, problems: [...problems, 'cms-unreadable'] };
  if (field.kind === 'document-timestamp') {
    const token = readTimestamp(field.contents, covered);
    if (!token) return { ...base, problems: [...problems, 'cms-unreadable'] };
    const trust = judgeTrust(token.certificate, material, token.certificates, anchors, new Date(token.time), 'timestamping');
    const timestamp: TimestampVerdict = { time: token.time, intact: token.intact, tsa: token.certificate ? summarize(token.certificate) : null, trust: trust.status };
    if (!token.intact) problems.push('timestamp-broken');
    return { ...base, intact: token.intact && rangeOk, signer: timestamp.tsa, timestamp, validatedAt: token.time, validatedAtSource: 'timestamp', trust: trust.status, revocation: trust.revocation, problems: [...problems, ...trust.problems] };
  }
  const value = readSignatureValue(field.contents, covered);
  if (!value) return { ...base, problems: [...problems, 'cms-unreadable'] };
  if (!value.digestMatches) problems.push('digest-mismatch');
  if (!value.signatureValid) problems.push('signature-invalid');
  // A signed attribute binds the signer's certificate (CAdES): another certificate with the same key is not the signer.
  if (value.certificateSwapped) problems.push('signing-certificate-mismatch');
  let timestamp: TimestampVerdict | null = null;
  if (value.timestampToken) {
    const token = readTimestamp(value.timestampToken, bytesDigest(value.signatureValue));
    if (token) {
      const trust = judgeTrust(token.certificate, material, token.certificates, anchors, new Date(token.time), 'timestamping');
      timestamp = { time: token.time, intact: token.intact, tsa: token.certificate ? summarize(token.certificate) : null, trust: trust.status };
      if (!token.intact) problems.push('timestamp-broken');
    } else problems.push('timestamp-unreadable');
  }
  timestamp ??= laterTimestamp;
  const validatedAtSource = timestamp?.intact ? 'timestamp' : field.claimedTime ? 'claimed' : 'now';
  const validatedAt = timestamp?.intact ? timestamp.time : (field.claimedTime ?? now.toISOString());
  const trust = value.certificate
    ? judgeTrust(value.certificate, material, value.certificates, anchors, new Date(validatedAt), 'signing')
    : { status: 'unknown' as TrustStatus, revocation: NO_REVOCATION, problems: ['no-signer-certificate'] };
  return {
    ...base,
    intact: rangeOk && value.digestMatches && value.signatureValid && !value.certificateSwapped,
    signer: value.certificate ? summarize(value.certificate) : null,
    timestamp,
    validatedAt,
    validatedAtSource,
    trust: trust.status,
    revocation: trust.revocation,
    problems: [...problems, ...trust.problems],
  };
}

/** Validation data embedded in the file (or handed over by the caller as such), and what was fetched online now. */
interface Materials {
  embedded: ValidationMaterial;
  fetched: ValidationMaterial | null;
}

/** Judged with what the file carries first; what was fetched is used only where that leaves revocation unknown. */
function judgeTrust(subject: Uint8Array | null, materials: Materials, carried: readonly Uint8Array[], anchors: readonly Uint8Array[], at: Date, purpose: 'signing' | 'timestamping') {
  if (!subject) return { status: 'unknown' as TrustStatus, revocation: NO_REVOCATION, problems: ['no-certificate'] };
  const embedded = mergeMaterial(materials.embedded, { certificates: carried });
  const first = validateCertificate({ subject, material: embedded, anchors, at, purpose });
  if (first.revocation.status !== 'unknown' || !materials.fetched) {
    const source: RevocationVerdict['source'] = first.revocation.status === 'unknown' ? null : 'embedded';
    return { status: first.status, revocation: { ...first.revocation, source }, problems: first.problems };
  }
  const again = validateCertificate({ subject, material: mergeMaterial(embedded, materials.fetched), anchors, at, purpose });
  const source: RevocationVerdict['source'] = again.revocation.status === 'unknown' ? null : 'fetched';
  return { status: again.status, revocation: { ...again.revocation, source }, problems: again.problems };
}
