import { SigningError, type SigningErrorCode } from '../certificate';
import { CKR } from './cryptoki';

/** Where in the work with a token a failure happened; the same CKR can mean different things. */
export type TokenPhase = 'load' | 'read' | 'login' | 'sign';

/** The token, its session or its reader went away (unplugged, reset, driver restarted). */
const GONE: ReadonlySet<number> = new Set([
  CKR.TOKEN_NOT_PRESENT,
  CKR.DEVICE_REMOVED,
  CKR.SESSION_HANDLE_INVALID,
  CKR.SESSION_CLOSED,
  CKR.DEVICE_ERROR,
  CKR.SLOT_ID_INVALID,
  // The module was finalized under the session (another caller, or the driver reset).
  CKR.CRYPTOKI_NOT_INITIALIZED,
]);

/**
 * The sentence a Cryptoki return value becomes. Pure, so every code is tested without a token.
 * While signing, a key handle found moments before that is no longer valid means the token (or
 * its contents) went away, which is how a removed SoftHSM2 token directory shows.
 */
export function signingCodeForCkr(rv: number, phase: TokenPhase): SigningErrorCode {
  if (phase === 'load') return 'err.sign.moduleLoad';
  if (rv === CKR.PIN_INCORRECT || rv === CKR.PIN_LEN_RANGE) return 'err.sign.pinIncorrect';
  if (rv === CKR.PIN_LOCKED) return 'err.sign.pinLocked';
  if (GONE.has(rv)) return 'err.sign.tokenRemoved';
  if (phase === 'sign' && (rv === CKR.KEY_HANDLE_INVALID || rv === CKR.OBJECT_HANDLE_INVALID)) return 'err.sign.tokenRemoved';
  return 'err.sign.failed';
}

/** The CKR number a pkcs11js error carries ("CKR_PIN_INCORRECT" with code 160), or null. */
export function ckrOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  if (name === 'Pkcs11Error' && typeof code === 'number' && Number.isInteger(code) && code > 0) return code;
  if (typeof message === 'string' && /^CKR_\w+$/.test(message) && typeof code === 'number' && Number.isInteger(code) && code > 0) return code;
  return null;
}

/**
 * Any failure as a SigningError. The native error is dropped, not chained as a cause: the new
 * error's message and stack are made here and so hold nothing that was passed to the token.
 */
export function toSigningError(error: unknown, phase: TokenPhase): SigningError {
  if (error instanceof SigningError) return error;
  if (phase === 'load') return new SigningError('err.sign.moduleLoad');
  const rv = ckrOf(error);
  return new SigningError(rv === null ? 'err.sign.failed' : signingCodeForCkr(rv, phase));
}
