import { resolve } from 'node:path';
import { PKCS11 } from 'pkcs11js';
import { SigningError } from '../certificate';
import { CKR } from './cryptoki';
import { ckrOf } from './pkcs11-errors';

interface Host {
  pkcs11: PKCS11;
  users: number;
  /** Whether we called C_Initialize (and so may call C_Finalize). */
  initializedHere: boolean;
}

/**
 * A process sees one copy of a PKCS#11 library however often it is loaded, and C_Finalize ends
 * every session on it. So each library is loaded and initialized once and shared by whoever is
 * using it (a token listing while a signing session is open), and finalized when the last one
 * lets go.
 */
const hosts = new Map<string, Host>();

export interface ModuleLease {
  readonly pkcs11: PKCS11;
  /** Lets go of the library; the last one out finalizes and unloads it. Safe to call twice. */
  release(): void;
}

const MAX_PATH_LENGTH = 4096;

function keyOf(modulePath: string): string {
  // A bare file name is left for the system's library search (Windows finds drivers in System32).
  return /[\\/]/.test(modulePath) ? resolve(modulePath) : modulePath;
}

export function acquireModule(modulePath: string): ModuleLease {
  if (typeof modulePath !== 'string' || modulePath.trim() === '' || modulePath.length > MAX_PATH_LENGTH || modulePath.includes('\0')) {
    throw new SigningError('err.sign.moduleLoad');
  }
  const key = keyOf(modulePath.trim());
  let host = hosts.get(key);
  if (!host) {
    host = openHost(key);
    hosts.set(key, host);
  }
  host.users += 1;
  const leased = host;
  let released = false;
  return {
    pkcs11: leased.pkcs11,
    release() {
      if (released) return;
      released = true;
      leased.users -= 1;
      if (leased.users > 0) return;
      if (hosts.get(key) === leased) hosts.delete(key);
      closeHost(leased);
    },
  };
}

function openHost(path: string): Host {
  const pkcs11 = new PKCS11();
  try {
    pkcs11.load(path);
  } catch {
    throw new SigningError('err.sign.moduleLoad');
  }
  try {
    pkcs11.C_Initialize();
    return { pkcs11, users: 0, initializedHere: true };
  } catch (error) {
    // Someone else in this process initialized it (another binding): use it, leave it to them.
    if (ckrOf(error) === CKR.CRYPTOKI_ALREADY_INITIALIZED) return { pkcs11, users: 0, initializedHere: false };
    try {
      pkcs11.close();
    } catch {
      // Unloading a library that would not initialize: nothing more to undo.
    }
    throw new SigningError('err.sign.moduleLoad');
  }
}

function closeHost(host: Host): void {
  if (host.initializedHere) {
    try {
      host.pkcs11.C_Finalize();
    } catch {
      // Already finalized (the token went away, or another caller finalized it): still unload.
    }
  }
  try {
    host.pkcs11.close();
  } catch {
    // Nothing left to release.
  }
}
