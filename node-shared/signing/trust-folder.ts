import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { isIssuedBy, isSelfIssued, tryParseCertificate } from '../../shared/pdf-signature/trust/cert-parse';

/**
 * The trust folder (the app's, or the hub's HUB_TRUST_DIR): root certificates as PEM (bundles
 * too) or DER files. Self-signed ones become anchors; others are kept as intermediates to help
 * path building, never trusted by themselves. Bounded: at most 500 files of 256 KB each.
 */
const MAX_FILES = 500;
const MAX_FILE_BYTES = 256 * 1024;
const EXTENSIONS = new Set(['.pem', '.crt', '.cer', '.der']);
const PEM = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g;

export interface TrustFolder {
  anchors: Uint8Array[];
  intermediates: Uint8Array[];
  /** "<problem>:<file name>": folder-unreadable, too-many-files, too-large, unreadable, no-certificate. */
  problems: string[];
}

function certificatesIn(bytes: Uint8Array): Uint8Array[] {
  const text = new TextDecoder('latin1').decode(bytes);
  if (!text.includes('-----BEGIN CERTIFICATE-----')) return [bytes];
  return [...text.matchAll(PEM)].map((match) => new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64')));
}

export async function loadTrustFolder(dir: string): Promise<TrustFolder> {
  const folder: TrustFolder = { anchors: [], intermediates: [], problems: [] };
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => EXTENSIONS.has(extname(name).toLowerCase())).sort();
  } catch {
    folder.problems.push(`folder-unreadable:${dir}`);
    return folder;
  }
  if (names.length > MAX_FILES) {
    folder.problems.push(`too-many-files:${names.length}`);
    names = names.slice(0, MAX_FILES);
  }
  const seen = new Set<string>();
  for (const name of names) {
    const path = join(dir, name);
    try {
      const info = await stat(path);
      if (!info.isFile()) continue;
      if (info.size > MAX_FILE_BYTES) {
        folder.problems.push(`too-large:${name}`);
        continue;
      }
      const found = certificatesIn(new Uint8Array(await readFile(path)));
      if (found.length === 0) folder.problems.push(`no-certificate:${name}`);
      for (const der of found) {
        const certificate = tryParseCertificate(der);
        if (!certificate) {
          folder.problems.push(`unreadable:${name}`);
          continue;
        }
        const key = Buffer.from(certificate.der).toString('base64');
        if (seen.has(key)) continue;
        seen.add(key);
        const selfSigned = isSelfIssued(certificate) && isIssuedBy(certificate, certificate);
        (selfSigned ? folder.anchors : folder.intermediates).push(certificate.der.slice());
      }
    } catch {
      folder.problems.push(`unreadable:${name}`);
    }
  }
  return folder;
}
