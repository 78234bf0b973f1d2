import pkcs11js from 'pkcs11js';
import { describe, expect, it } from 'vitest';
import { SigningError } from '../certificate';
import * as cryptoki from './cryptoki';
import { ckrOf, signingCodeForCkr, toSigningError } from './pkcs11-errors';
import { chooseMechanism, sha256DigestInfo } from './token-sign';

const binding = pkcs11js as unknown as Record<string, number>;

describe('Cryptoki numbers', () => {
  it('are the binding’s own', () => {
    for (const [name, value] of Object.entries(cryptoki)) {
      if (typeof value === 'number') expect(binding[name], name).toBe(value);
    }
    for (const [name, value] of Object.entries(cryptoki.CKR)) expect(binding[`CKR_${name}`], name).toBe(value);
  });
});

describe('signingCodeForCkr', () => {
  const { CKR } = cryptoki;
  it('a wrong or wrong-length PIN is pinIncorrect, a locked PIN pinLocked', () => {
    expect(signingCodeForCkr(CKR.PIN_INCORRECT, 'login')).toBe('err.sign.pinIncorrect');
    expect(signingCodeForCkr(CKR.PIN_LEN_RANGE, 'login')).toBe('err.sign.pinIncorrect');
    expect(signingCodeForCkr(CKR.PIN_LOCKED, 'login')).toBe('err.sign.pinLocked');
    expect(signingCodeForCkr(CKR.PIN_LOCKED, 'sign')).toBe('err.sign.pinLocked');
  });

  it('a token, reader or session that went away is tokenRemoved, whenever it happens', () => {
    const gone = [CKR.TOKEN_NOT_PRESENT, CKR.DEVICE_REMOVED, CKR.SESSION_HANDLE_INVALID, CKR.SESSION_CLOSED, CKR.DEVICE_ERROR, CKR.SLOT_ID_INVALID, CKR.CRYPTOKI_NOT_INITIALIZED];
    for (const rv of gone) {
      for (const phase of ['read', 'login', 'sign'] as const) expect(signingCodeForCkr(rv, phase), `${rv} ${phase}`).toBe('err.sign.tokenRemoved');
    }
  });

  it('a vanished key handle is tokenRemoved while signing, a plain failure elsewhere', () => {
    expect(signingCodeForCkr(CKR.KEY_HANDLE_INVALID, 'sign')).toBe('err.sign.tokenRemoved');
    expect(signingCodeForCkr(CKR.OBJECT_HANDLE_INVALID, 'sign')).toBe('err.sign.tokenRemoved');
    expect(signingCodeForCkr(CKR.OBJECT_HANDLE_INVALID, 'read')).toBe('err.sign.failed');
  });

  it('anything while loading is moduleLoad; an unknown code is a plain failure', () => {
    expect(signingCodeForCkr(CKR.PIN_INCORRECT, 'load')).toBe('err.sign.moduleLoad');
    expect(signingCodeForCkr(0x5, 'sign')).toBe('err.sign.failed');
    expect(signingCodeForCkr(0x80000001, 'login')).toBe('err.sign.failed');
  });
});

describe('toSigningError', () => {
  it('reads the code of a pkcs11js error and drops the error itself', () => {
    const native = Object.assign(new Error('CKR_PIN_LOCKED'), { name: 'Pkcs11Error', code: 0xa4 });
    const error = toSigningError(native, 'login');
    expect(error).toBeInstanceOf(SigningError);
    expect(error.code).toBe('err.sign.pinLocked');
    expect(error.cause).toBeUndefined();
    expect(ckrOf(new Error('boom'))).toBeNull();
    expect(toSigningError(new Error('boom'), 'sign').code).toBe('err.sign.failed');
    expect(toSigningError(new Error('boom'), 'load').code).toBe('err.sign.moduleLoad');
    const already = new SigningError('err.sign.expired');
    expect(toSigningError(already, 'sign')).toBe(already);
  });
});

describe('mechanism', () => {
  it('prefers CKM_SHA256_RSA_PKCS, falls back to CKM_RSA_PKCS, else none', () => {
    expect(chooseMechanism([cryptoki.CKM_RSA_PKCS, cryptoki.CKM_SHA256_RSA_PKCS])).toBe('sha256-rsa-pkcs');
    expect(chooseMechanism([cryptoki.CKM_RSA_PKCS])).toBe('rsa-pkcs');
    expect(chooseMechanism([0x1040])).toBeNull();
  });

  it('the DigestInfo is the SHA-256 one of RFC 8017', () => {
    const info = sha256DigestInfo(new TextEncoder().encode('abc'));
    expect(info.toString('hex')).toBe('3031300d060960864801650304020105000420ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
