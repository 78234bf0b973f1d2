import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTrustFolder } from '../node-shared/signing/trust-folder';
import { NO_TRUST_FOLDER, type ReportPolicy } from './store/report-store';

/** A setting the hub cannot start with: said plainly, and the process exits with 2. */
export class HubConfigError extends Error {
  override name = 'HubConfigError';
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const describe = (problem: unknown): string => (typeof problem === 'string' ? problem : JSON.stringify(problem));

/**
 * How the hub judges the signers of a report, from the environment: HUB_TRUST_DIR, a folder of
 * root (and intermediate) certificates, PEM or DER; HUB_UNTRUSTED_SIGNER, `flag` (default: the
 * report is kept and flagged for the reviewer) or `refuse` (422 untrusted_signer). Files in the
 * folder that are not certificates are reported back, not fatal; a folder that is not there is.
 */
export async function reportPolicyFromEnv(env: NodeJS.ProcessEnv): Promise<{ policy: ReportPolicy; problems: string[]; trustDir: string | null }> {
  const mode = env['HUB_UNTRUSTED_SIGNER'] || 'flag';
  if (mode !== 'flag' && mode !== 'refuse') throw new HubConfigError(`HUB_UNTRUSTED_SIGNER must be "flag" or "refuse", got "${mode}"`);
  const setting = env['HUB_TRUST_DIR'];
  if (!setting) return { policy: { ...NO_TRUST_FOLDER, untrustedSigner: mode }, problems: [], trustDir: null };
  const dir = resolve(setting);
  if (!isFolder(dir)) throw new HubConfigError(`HUB_TRUST_DIR "${setting}" is not a folder: create it and put the trusted root certificates (PEM or DER) in it, or unset HUB_TRUST_DIR`);
  const folder = await loadTrustFolder(dir);
  const problems = folder.problems.map(describe);
  if (folder.anchors.length === 0) problems.push(`HUB_TRUST_DIR "${setting}" holds no root certificate: every signer will be untrusted`);
  return { policy: { anchors: folder.anchors, intermediates: folder.intermediates, untrustedSigner: mode }, problems, trustDir: dir };
}
