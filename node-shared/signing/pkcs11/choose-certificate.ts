import { SigningError } from '../certificate';
import { isValidAt } from './token-certificate';
import type { CertificateOnToken } from './token-objects';

/** A CKA_ID as the settings hold it: hex, an even number of digits, at most 255 bytes. */
export function normalizeCertId(certId: string | undefined): string | undefined {
  if (certId === undefined || certId === '') return undefined;
  if (typeof certId !== 'string' || certId.length > 510 || certId.length % 2 !== 0 || !/^[0-9a-f]+$/i.test(certId)) {
    throw new SigningError('err.sign.certificateNotFound');
  }
  return certId.toLowerCase();
}

/**
 * The certificates that may be the signer's, judged before login (so a PIN try is not spent on a
 * certificate that cannot be used): the chosen one, or every RSA signing certificate valid now.
 * Which of them has its private key on the token is only known after login. Returns null when
 * no certificate is visible at all: some tokens show them only after login.
 */
export function signerCandidates(certificates: readonly CertificateOnToken[], certId: string | undefined, now: Date): CertificateOnToken[] | null {
  if (certificates.length === 0) return null;
  if (certId !== undefined) {
    const chosen = certificates.find((c) => c.id === certId);
    if (!chosen) throw new SigningError('err.sign.certificateNotFound');
    if (!chosen.parsed.isRsa) throw new SigningError('err.sign.unsupportedKey');
    if (!chosen.canSign) throw new SigningError('err.sign.noSigningCertificate');
    if (!isValidAt(chosen.parsed, now)) throw new SigningError('err.sign.expired');
    return [chosen];
  }
  const forSigning = certificates.filter((c) => !c.parsed.isCa && c.parsed.signingKeyUsage);
  if (forSigning.length === 0) throw new SigningError('err.sign.noSigningCertificate');
  const rsa = forSigning.filter((c) => c.parsed.isRsa);
  if (rsa.length === 0) throw new SigningError('err.sign.unsupportedKey');
  const valid = rsa.filter((c) => isValidAt(c.parsed, now));
  if (valid.length === 0) throw new SigningError('err.sign.expired');
  return valid;
}

/**
 * Of the candidates, the one whose private key is on the token. Two usable certificates with
 * keys and none chosen: the user picks one in Settings rather than the app guessing.
 */
export function pickSigner<T>(withKeys: readonly T[]): T {
  if (withKeys.length === 0) throw new SigningError('err.sign.noSigningCertificate');
  if (withKeys.length > 1) throw new SigningError('err.sign.certificateNotFound');
  return withKeys[0]!;
}
