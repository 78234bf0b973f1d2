import { isIssuedBy, isSelfIssued, tryParseCertificate, type ParsedCertificate } from '../../shared/pdf-signature/trust/cert-parse';
import { parseCrl } from '../../shared/pdf-signature/trust/crl';
import { buildOcspRequest, parseOcspResponse } from '../../shared/pdf-signature/trust/ocsp';
import { boundedFetch, BoundedFetchError, httpUrl, type FetchImpl } from './bounded-fetch';

/**
 * Fetching what proves a chain was not revoked, to embed it (PAdES-B-LT) or to judge now: an OCSP
 * answer for each certificate whose issuer runs a responder, else its issuer's CRL. Failures are
 * quiet (the record is signed all the same) and listed in `problems` as "<kind>-<failure>:<url>".
 */
const MAX_CRL = 16 * 1024 * 1024;
const MAX_OCSP = 64 * 1024;

export interface ValidationData {
  crls: Uint8Array[];
  ocspResponses: Uint8Array[];
  problems: string[];
}

export interface FetchValidationOptions {
  timeoutMs?: number;
  fetchImpl?: FetchImpl;
}

const failure = (error: unknown): string => (error instanceof BoundedFetchError ? error.failure : 'unreachable');

async function fetchOcsp(url: string, certificate: ParsedCertificate, issuer: ParsedCertificate, options: FetchValidationOptions, problems: string[]): Promise<Uint8Array | null> {
  try {
    const body = Buffer.from(buildOcspRequest(certificate, issuer));
    const answer = await boundedFetch(url, { method: 'POST', headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' }, body }, { timeoutMs: options.timeoutMs ?? 10_000, maxBytes: MAX_OCSP, fetchImpl: options.fetchImpl });
    if (answer.status !== 200) throw new Error(`http-${answer.status}`);
    parseOcspResponse(answer.body);
    return answer.body;
  } catch (error) {
    problems.push(`ocsp-${error instanceof Error && error.message.startsWith('http-') ? error.message : error instanceof BoundedFetchError ? failure(error) : 'unreadable'}:${url}`);
    return null;
  }
}

async function fetchCrl(url: string, options: FetchValidationOptions, problems: string[]): Promise<Uint8Array | null> {
  try {
    const answer = await boundedFetch(url, { method: 'GET' }, { timeoutMs: options.timeoutMs ?? 10_000, maxBytes: MAX_CRL, fetchImpl: options.fetchImpl });
    if (answer.status !== 200) throw new Error(`http-${answer.status}`);
    parseCrl(answer.body);
    return answer.body;
  } catch (error) {
    problems.push(`crl-${error instanceof Error && error.message.startsWith('http-') ? error.message : error instanceof BoundedFetchError ? failure(error) : 'unreadable'}:${url}`);
    return null;
  }
}

/** `chainDer`: the signer first, then its intermediates (and root, which needs nothing fetched). */
export async function fetchValidationData(chainDer: readonly Uint8Array[], options: FetchValidationOptions = {}): Promise<ValidationData> {
  const problems: string[] = [];
  const chain = chainDer.map((der) => tryParseCertificate(der)).filter((certificate) => certificate !== null);
  const crlUrls = new Set<string>();
  const ocspResponses: Uint8Array[] = [];
  for (const certificate of chain) {
    if (isSelfIssued(certificate)) continue;
    const issuer = chain.find((candidate) => candidate !== certificate && isIssuedBy(certificate, candidate));
    let answered = false;
    for (const url of issuer ? certificate.ocspUrls.filter((candidate) => httpUrl(candidate)) : []) {
      const response = await fetchOcsp(url, certificate, issuer!, options, problems);
      if (response) {
        ocspResponses.push(response);
        answered = true;
        break;
      }
    }
    if (!answered) for (const url of certificate.crlUrls.filter((candidate) => httpUrl(candidate))) crlUrls.add(url);
  }
  const crls: Uint8Array[] = [];
  for (const url of crlUrls) {
    const crl = await fetchCrl(url, options, problems);
    if (crl) {
      crls.push(crl);
    }
  }
  return { crls, ocspResponses, problems };
}
