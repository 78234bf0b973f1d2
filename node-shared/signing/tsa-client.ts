import { randomBytes } from 'node:crypto';
import { nodeBytes, parseDer, sequence } from '../../shared/pdf-signature/der/der-read';
import { derBoolean, derNull, derOctets, derOid, derSequence, derSmallInteger, derUnsigned } from '../../shared/pdf-signature/der/der-write';
import { readIntegerHex, readSmallInteger } from '../../shared/pdf-signature/der/der-values';
import { sameBytes } from '../../shared/pdf-signature/primitives/digest';
import { OID } from '../../shared/pdf-signature/oids';
import { readTimestampToken } from '../../shared/pdf-signature/trust/timestamp-token';
import { boundedFetch, BoundedFetchError, httpUrl, type FetchImpl } from './bounded-fetch';
import { SigningError } from './certificate';

/**
 * RFC 3161 client: asks the TSA for a token over a SHA-256 digest (with a fresh nonce and
 * certReq, so the token carries the TSA certificate) and refuses any answer that is not a granted,
 * intact token over exactly that digest and nonce.
 */
const MAX_RESPONSE = 256 * 1024;

export interface TimestampRequestOptions {
  timeoutMs?: number;
  fetchImpl?: FetchImpl;
}

function timestampQuery(sha256: Uint8Array, nonce: Uint8Array): Uint8Array {
  const imprint = derSequence(derSequence(derOid(OID.sha256), derNull()), derOctets(sha256));
  return derSequence(derSmallInteger(1), imprint, derUnsigned(nonce), derBoolean(true));
}

/** TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken ContentInfo OPTIONAL } */
function tokenFrom(response: Uint8Array): Uint8Array {
  try {
    const [status, token] = sequence(parseDer(response), 'TimeStampResp');
    const code = readSmallInteger(sequence(status, 'PKIStatusInfo')[0]);
    // 0 granted, 1 grantedWithMods; anything else is a refusal, with or without a token.
    if ((code !== 0 && code !== 1) || !token) throw new SigningError('err.sign.tsaRefused');
    return nodeBytes(token).slice();
  } catch {
    throw new SigningError('err.sign.tsaRefused');
  }
}

/** Returns the TimeStampToken (ContentInfo DER) to put in the signature's unsigned attributes. */
export async function requestTimestamp(url: string, sha256: Uint8Array, options: TimestampRequestOptions = {}): Promise<Uint8Array> {
  if (!httpUrl(url) || sha256.length !== 32) throw new SigningError('err.sign.tsaUnreachable');
  const nonce = new Uint8Array(randomBytes(8));
  nonce[0] = nonce[0]! & 0x7f;
  let answer: { status: number; body: Uint8Array };
  try {
    answer = await boundedFetch(
      url,
      { method: 'POST', headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' }, body: Buffer.from(timestampQuery(sha256, nonce)) },
      { timeoutMs: options.timeoutMs ?? 15_000, maxBytes: MAX_RESPONSE, fetchImpl: options.fetchImpl },
    );
  } catch (error) {
    throw new SigningError(error instanceof BoundedFetchError && error.failure === 'too-large' ? 'err.sign.tsaRefused' : 'err.sign.tsaUnreachable');
  }
  if (answer.status !== 200) throw new SigningError('err.sign.tsaRefused');
  const token = tokenFrom(answer.body);
  const read = readTimestampToken(token);
  if (!read.ok || !read.token.intact) throw new SigningError('err.sign.tsaRefused');
  const expectedNonce = readIntegerHex(parseDer(derUnsigned(nonce)));
  if (read.token.imprint.algorithm !== 'sha256' || !sameBytes(read.token.imprint.digest, sha256) || read.token.nonce !== expectedNonce) {
    throw new SigningError('err.sign.tsaRefused');
  }
  return token;
}
