import type { RevocationVerdict } from '../verdict';
import { tryParseCertificate, type ParsedCertificate } from './cert-parse';
import { crlAnswer, parseCrl, type ParsedCrl } from './crl';
import { ocspAnswer, parseOcspResponse, type ParsedOcspResponse } from './ocsp';
import type { RevocationAnswer } from './revocation-answer';
import type { ValidationMaterial } from './types';

/**
 * Revocation of every certificate of a path but its anchor, from the CRLs and OCSP responses at
 * hand. Where the material came from (embedded or fetched) only the caller knows: `source` is
 * left null for it to fill.
 */
interface Sources {
  crls: ParsedCrl[];
  ocsp: ParsedOcspResponse[];
  responders: ParsedCertificate[];
}

function parseSources(material: ValidationMaterial, problems: string[]): Sources {
  const crls: ParsedCrl[] = [];
  const ocsp: ParsedOcspResponse[] = [];
  for (const der of material.crls) {
    try {
      crls.push(parseCrl(der));
    } catch {
      problems.push('crl-unreadable');
    }
  }
  for (const der of material.ocspResponses) {
    try {
      ocsp.push(parseOcspResponse(der));
    } catch {
      problems.push('ocsp-unreadable');
    }
  }
  const responders = material.certificates.map((der) => tryParseCertificate(der)).filter((c) => c !== null);
  return { crls, ocsp, responders };
}

type Judged = { answer: RevocationAnswer; kind: 'crl' | 'ocsp' };

function judge(certificate: ParsedCertificate, issuer: ParsedCertificate, sources: Sources, at: Date): Judged[] {
  const judged: Judged[] = [];
  for (const response of sources.ocsp) {
    const answer = ocspAnswer(response, certificate, issuer, at, sources.responders);
    if (answer) judged.push({ answer, kind: 'ocsp' });
  }
  for (const crl of sources.crls) {
    const answer = crlAnswer(crl, certificate, issuer, at);
    if (answer) judged.push({ answer, kind: 'crl' });
  }
  return judged;
}

export function chainRevocation(chain: readonly ParsedCertificate[], anchored: boolean, material: ValidationMaterial, at: Date, problems: string[]): RevocationVerdict {
  const sources = parseSources(material, problems);
  const checked = anchored ? chain.length - 1 : chain.length;
  let subjectKind: 'crl' | 'ocsp' | null = null;
  let allGood = checked > 0;
  for (let i = 0; i < checked; i += 1) {
    const certificate = chain[i]!;
    const issuer = chain[i + 1];
    const judged = issuer ? judge(certificate, issuer, sources, at) : [];
    const revoked = judged.find((item) => item.answer.status === 'revoked');
    if (revoked && revoked.answer.status === 'revoked') {
      problems.push(`revoked:${certificate.serialHex}`);
      return { status: 'revoked', source: null, kind: revoked.kind, revokedAt: revoked.answer.revokedAt.toISOString() };
    }
    for (const item of judged) if (item.answer.status === 'unusable') problems.push(item.answer.problem);
    const good = judged.find((item) => item.answer.status === 'good');
    if (i === 0) subjectKind = good?.kind ?? null;
    if (!good) {
      allGood = false;
      problems.push(`revocation-unknown:${certificate.commonName}`);
    }
  }
  return allGood ? { status: 'good', source: null, kind: subjectKind, revokedAt: null } : { status: 'unknown', source: null, kind: null, revokedAt: null };
}
