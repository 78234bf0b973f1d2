import { verify } from 'node:crypto';
import type { PKCS11 } from 'pkcs11js';
import type { ExternalSigner } from '../../../shared/pdf-signature/external-signer';
import { SigningError } from '../certificate';
import { normalizeCertId, pickSigner, signerCandidates } from './choose-certificate';
import { CKF_SERIAL_SESSION, CKU_USER } from './cryptoki';
import { acquireModule, type ModuleLease } from './module-host';
import { toSigningError } from './pkcs11-errors';
import { issuerChain } from './token-certificate';
import { findSigningKey, presentTokens, readCertificates, type CertificateOnToken, type PresentToken } from './token-objects';
import { chooseMechanism, signOnToken, type TokenMechanism } from './token-sign';
import type { OpenTokenSignerOptions, TokenSession } from './types';

/** Longer than any token accepts (Cryptoki PINs are at most 255 bytes on the tokens in use). */
const MAX_PIN_LENGTH = 255;
/** What is signed is a CMS's signed attributes, a few kilobytes; far more is a caller's mistake. */
const MAX_DATA_BYTES = 1024 * 1024;

function readTokenCertificates(pkcs11: PKCS11, token: PresentToken): CertificateOnToken[] {
  const session = pkcs11.C_OpenSession(token.slot, CKF_SERIAL_SESSION);
  try {
    return readCertificates(pkcs11, session);
  } finally {
    pkcs11.C_CloseSession(session);
  }
}

/** The token by serial, else by label, else the only one (or the only one holding a usable certificate). */
function pickToken(pkcs11: PKCS11, options: OpenTokenSignerOptions, certId: string | undefined, now: Date): PresentToken {
  const tokens = presentTokens(pkcs11);
  if (tokens.length === 0) throw new SigningError('err.sign.noToken');
  const serial = options.tokenSerial?.trim();
  const label = options.tokenLabel?.trim();
  const chosen = serial ? tokens.find((t) => t.serial === serial) : label ? tokens.find((t) => t.label === label) : tokens.length === 1 ? tokens[0] : undefined;
  if (chosen) return chosen;
  if (serial || label) throw new SigningError('err.sign.noToken');
  const usable = tokens.filter((token) => {
    try {
      return (signerCandidates(readTokenCertificates(pkcs11, token), certId, now)?.length ?? 0) > 0;
    } catch (error) {
      if (error instanceof SigningError) return false;
      throw error;
    }
  });
  if (usable.length !== 1) throw new SigningError('err.sign.certificateNotFound');
  return usable[0]!;
}

/**
 * Opens a signing session on a token: picks the token and the certificate, logs in with the PIN
 * and finds the certificate's private key. Signing then happens on the token (C_Sign); the key
 * never leaves it. Nothing is left open when this throws.
 */
export async function openTokenSigner(options: OpenTokenSignerOptions): Promise<TokenSession> {
  if (typeof options.pin !== 'string' || options.pin.length === 0) throw new SigningError('err.sign.pinRequired');
  if (options.pin.length > MAX_PIN_LENGTH) throw new SigningError('err.sign.pinIncorrect');
  const certId = normalizeCertId(options.certId);
  const now = options.now ?? new Date();
  const lease = acquireModule(options.modulePath);
  const { pkcs11 } = lease;
  let session: Buffer | null = null;
  let loggedIn = false;
  try {
    const token = pickToken(pkcs11, options, certId, now);
    session = pkcs11.C_OpenSession(token.slot, CKF_SERIAL_SESSION);
    const before = readCertificates(pkcs11, session);
    const early = signerCandidates(before, certId, now);
    // Not even tried: on a locked token a login attempt can only fail, and some count it.
    if (token.pinLocked) throw new SigningError('err.sign.pinLocked');
    try {
      pkcs11.C_Login(session, CKU_USER, options.pin);
    } catch (error) {
      throw toSigningError(error, 'login');
    }
    loggedIn = true;
    const all = early === null ? readCertificates(pkcs11, session) : before;
    const candidates = early ?? signerCandidates(all, certId, now);
    if (candidates === null) throw new SigningError(certId === undefined ? 'err.sign.noSigningCertificate' : 'err.sign.certificateNotFound');
    const withKeys = candidates.flatMap((certificate) => {
      const key = findSigningKey(pkcs11, session!, certificate.idBytes);
      return key ? [{ certificate, key }] : [];
    });
    const { certificate, key } = pickSigner(withKeys);
    if (!key.isRsa) throw new SigningError('err.sign.unsupportedKey');
    const mechanism = chooseMechanism(pkcs11.C_GetMechanismList(token.slot));
    if (mechanism === null) throw new SigningError('err.sign.unsupportedKey');
    const chain = issuerChain(certificate.parsed, all.filter((c) => c !== certificate));
    return openSession(lease, session, key.handle, mechanism, certificate, chain);
  } catch (error) {
    teardown(lease, session, loggedIn);
    throw toSigningError(error, 'read');
  }
}

function teardown(lease: ModuleLease, session: Buffer | null, loggedIn: boolean): void {
  if (session) {
    if (loggedIn) {
      try {
        lease.pkcs11.C_Logout(session);
      } catch {
        // The token is gone or the session already ended; closing below still runs.
      }
    }
    try {
      lease.pkcs11.C_CloseSession(session);
    } catch {
      // As above.
    }
  }
  lease.release();
}

function openSession(lease: ModuleLease, session: Buffer, key: Buffer, firstMechanism: TokenMechanism, certificate: CertificateOnToken, chain: Uint8Array[]): TokenSession {
  let mechanism = firstMechanism;
  let closed = false;
  let tornDown = false;
  // One Cryptoki session runs one operation at a time: signings queue behind each other.
  let queue: Promise<unknown> = Promise.resolve();
  const finish = () => {
    if (tornDown) return;
    tornDown = true;
    teardown(lease, session, true);
  };
  let pending = 0;

  const signer: ExternalSigner = {
    certificate: certificate.der,
    chain,
    signSha256Rsa(data: Uint8Array): Promise<Uint8Array> {
      if (closed) return Promise.reject(new SigningError('err.sign.failed'));
      if (!(data instanceof Uint8Array) || data.length > MAX_DATA_BYTES) return Promise.reject(new SigningError('err.sign.failed'));
      pending += 1;
      const run = queue.then(async () => {
        try {
          const result = await signOnToken(lease.pkcs11, session, key, mechanism, data);
          mechanism = result.mechanism;
          // A key filed under the certificate's CKA_ID that is not its key would sign a record nobody can verify.
          if (!verify('sha256', data, certificate.parsed.x509.publicKey, result.signature)) throw new SigningError('err.sign.noSigningCertificate');
          return result.signature;
        } catch (error) {
          throw toSigningError(error, 'sign');
        } finally {
          pending -= 1;
          if (closed && pending === 0) finish();
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };

  return {
    signer,
    certificate: certificate.parsed.summary,
    close() {
      if (closed) return;
      closed = true;
      // A C_Sign still running on its worker thread finishes before the library is finalized.
      if (pending === 0) finish();
    },
  };
}
