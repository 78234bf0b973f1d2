import type { PKCS11 } from 'pkcs11js';
import {
  CKA_CERTIFICATE_TYPE,
  CKA_CLASS,
  CKA_ID,
  CKA_KEY_TYPE,
  CKA_LABEL,
  CKA_SIGN,
  CKA_VALUE,
  CKC_X_509,
  CKF_TOKEN_INITIALIZED,
  CKF_USER_PIN_LOCKED,
  CKK_RSA,
  CKO_CERTIFICATE,
  CKO_PRIVATE_KEY,
  CKR,
} from './cryptoki';
import { ckrOf } from './pkcs11-errors';
import { canSign, parseCertificate, type ParsedCertificate } from './token-certificate';

/** Bounds on what is read from a token: a driver or a token is not trusted to be small. */
export const MAX_SLOTS = 32;
export const MAX_CERTIFICATES = 64;
export const MAX_CERTIFICATE_BYTES = 64 * 1024;
const MAX_ID_BYTES = 255;
const MAX_LABEL_LENGTH = 256;

type Handle = Buffer;

export interface PresentToken {
  slot: Handle;
  slotIndex: number;
  label: string;
  serial: string;
  manufacturer: string;
  model: string;
  /** The token says its user PIN is locked (CKF_USER_PIN_LOCKED): a login cannot succeed. */
  pinLocked: boolean;
}

export interface CertificateOnToken {
  id: string;
  idBytes: Buffer;
  label: string;
  der: Uint8Array;
  parsed: ParsedCertificate;
  canSign: boolean;
}

/** Cryptoki pads its fixed-width strings with blanks (and some drivers with NULs). */
function trimPadded(value: string): string {
  return value.replace(/[\s\0]+$/u, '').slice(0, MAX_LABEL_LENGTH);
}

/** Every slot holding an initialized token; a token pulled out while being listed is skipped. */
export function presentTokens(pkcs11: PKCS11): PresentToken[] {
  const slots = pkcs11.C_GetSlotList(true).slice(0, MAX_SLOTS);
  const tokens: PresentToken[] = [];
  for (const slot of slots) {
    let info;
    try {
      info = pkcs11.C_GetTokenInfo(slot);
    } catch (error) {
      const rv = ckrOf(error);
      if (rv === CKR.TOKEN_NOT_PRESENT || rv === CKR.DEVICE_REMOVED || rv === CKR.SLOT_ID_INVALID) continue;
      throw error;
    }
    // An uninitialized token (a blank card, SoftHSM2's spare slot) holds nothing to sign with.
    if ((info.flags & CKF_TOKEN_INITIALIZED) === 0) continue;
    tokens.push({
      slot,
      slotIndex: tokens.length,
      label: trimPadded(info.label),
      serial: trimPadded(info.serialNumber),
      manufacturer: trimPadded(info.manufacturerID),
      model: trimPadded(info.model),
      pinLocked: (info.flags & CKF_USER_PIN_LOCKED) !== 0,
    });
  }
  return tokens;
}

function findObjects(pkcs11: PKCS11, session: Handle, template: Parameters<PKCS11['C_FindObjectsInit']>[1], max: number): Handle[] {
  pkcs11.C_FindObjectsInit(session, template);
  try {
    return pkcs11.C_FindObjects(session, max);
  } finally {
    pkcs11.C_FindObjectsFinal(session);
  }
}

/**
 * One attribute, or undefined when the object does not have it. Read one at a time because a
 * token answers a template with one missing attribute with an error for the whole template.
 * The binding allocates what the driver reports; the callers bound what they keep.
 */
function attribute(pkcs11: PKCS11, session: Handle, handle: Handle, type: number): Buffer | undefined {
  try {
    return pkcs11.C_GetAttributeValue(session, handle, [{ type }])[0]?.value;
  } catch (error) {
    const rv = ckrOf(error);
    if (rv === CKR.ATTRIBUTE_SENSITIVE || rv === CKR.ATTRIBUTE_TYPE_INVALID) return undefined;
    throw error;
  }
}

/**
 * The X.509 certificates the session can see (without login: the public ones), at most
 * MAX_CERTIFICATES of at most MAX_CERTIFICATE_BYTES each; anything larger or unparsable is left out.
 */
export function readCertificates(pkcs11: PKCS11, session: Handle): CertificateOnToken[] {
  const handles = findObjects(pkcs11, session, [
    { type: CKA_CLASS, value: CKO_CERTIFICATE },
    { type: CKA_CERTIFICATE_TYPE, value: CKC_X_509 },
  ], MAX_CERTIFICATES);
  const certificates: CertificateOnToken[] = [];
  for (const handle of handles) {
    const der = attribute(pkcs11, session, handle, CKA_VALUE);
    const idBytes = attribute(pkcs11, session, handle, CKA_ID) ?? Buffer.alloc(0);
    if (!der || der.length === 0 || der.length > MAX_CERTIFICATE_BYTES || idBytes.length > MAX_ID_BYTES) continue;
    const parsed = parseCertificate(der);
    if (!parsed) continue;
    certificates.push({
      id: idBytes.toString('hex'),
      idBytes: Buffer.from(idBytes),
      label: trimPadded((attribute(pkcs11, session, handle, CKA_LABEL) ?? Buffer.alloc(0)).toString('utf8')),
      der: new Uint8Array(der),
      parsed,
      canSign: canSign(parsed),
    });
  }
  return certificates;
}

/** A CK_ULONG as the token wrote it: little-endian on the app's platforms, 4 bytes on Windows, 8 elsewhere. */
function ulongOf(bytes: Buffer): number | null {
  if (bytes.length === 0 || bytes.length > 8 || bytes.subarray(6).some((byte) => byte !== 0)) return null;
  return bytes.readUIntLE(0, Math.min(bytes.length, 6));
}

/** The private key with this CKA_ID that may sign, and whether it is RSA; null when there is none. */
export function findSigningKey(pkcs11: PKCS11, session: Handle, idBytes: Buffer): { handle: Handle; isRsa: boolean } | null {
  const [handle] = findObjects(pkcs11, session, [
    { type: CKA_CLASS, value: CKO_PRIVATE_KEY },
    { type: CKA_ID, value: idBytes },
    { type: CKA_SIGN, value: true },
  ], 1);
  if (!handle) return null;
  const [keyType] = pkcs11.C_GetAttributeValue(session, handle, [{ type: CKA_KEY_TYPE }]);
  return { handle, isRsa: !!keyType?.value && ulongOf(keyType.value) === CKK_RSA };
}
