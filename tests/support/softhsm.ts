import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export type SoftHsmCertificateKind = 'signer' | 'expired' | 'key-encipherment-only';

export interface SoftHsmOptions {
  label?: string;
  pin?: string;
  /** CKA_ID of the key and certificate, hex. */
  id?: string;
  commonName?: string;
  certificate?: SoftHsmCertificateKind;
  /** false: the certificate only, no private key on the token. */
  withKey?: boolean;
  /** Also put the root CA's certificate on the token (as a driver installs the chain). */
  withCaCertificate?: boolean;
  /** Issue the signer from an intermediate CA under the root, and put both CA certificates on the token. */
  withIntermediateCa?: boolean;
  /** Also initialize a second, empty token with this label (same PIN), plugged in beside the first. */
  emptySecondToken?: string;
  /**
   * Mark the user PIN locked in the token's flags (CKF_USER_PIN_LOCKED), as a token shows after
   * too many wrong PINs. SoftHSM2 itself never locks a PIN; the flag is written into its token file.
   */
  pinLocked?: boolean;
  /** Hide CKM_SHA256_RSA_PKCS from the token, so signing must go through CKM_RSA_PKCS. */
  withoutSha256RsaMechanism?: boolean;
}

export interface SoftHsmToken {
  dir: string;
  modulePath: string;
  confPath: string;
  label: string;
  pin: string;
  certId: string;
  /** The token's serial as the library reports it. */
  serial: string;
  certificateDer: Uint8Array;
  caDer: Uint8Array;
  /** The root CA's certificate (PEM) and key files in `dir`, to issue CRLs or further certificates from. */
  caPemPath: string;
  caKeyPath: string;
  /** The intermediate CA's certificate, with withIntermediateCa. */
  intermediateDer: Uint8Array | null;
  /** Deletes the token's files, which SoftHSM2 sees as the token's objects vanishing. */
  removeTokenFiles(): void;
  cleanup(): void;
}

const CA_CONFIG = `[ca]
default_ca = test
[test]
database = ca/index.txt
new_certs_dir = ca
serial = ca/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
organizationName = optional
countryName = optional
[signer]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
[encipherment]
basicConstraints = CA:FALSE
keyUsage = critical, keyEncipherment
`;

/** SoftHSM2's file store: each attribute is type, kind, value; the token flags are a CK_ULONG (kind 2), all big-endian. */
const TOKEN_FLAGS_ATTRIBUTE = Buffer.from('000000008000534b0000000000000002', 'hex');
const CKF_USER_PIN_LOCKED = 0x40000n;

function markPinLocked(tokensDir: string, label: string): void {
  const paddedLabel = Buffer.from(label.padEnd(32, ' '), 'utf8').subarray(0, 32);
  for (const tokenDir of readdirSync(tokensDir)) {
    const file = join(tokensDir, tokenDir, 'token.object');
    const bytes = readFileSync(file);
    if (!bytes.includes(paddedLabel)) continue;
    const at = bytes.indexOf(TOKEN_FLAGS_ATTRIBUTE);
    if (at < 0) throw new Error('SoftHSM2 token file without its flags attribute');
    const valueAt = at + TOKEN_FLAGS_ATTRIBUTE.length;
    bytes.writeBigUInt64BE(bytes.readBigUInt64BE(valueAt) | CKF_USER_PIN_LOCKED, valueAt);
    writeFileSync(file, bytes);
    return;
  }
  throw new Error(`no SoftHSM2 token labelled ${label}`);
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * A throwaway SoftHSM2 token in its own temporary directory, with its own softhsm2.conf, holding
 * an RSA key and a certificate issued by a small CA made here with openssl. Sets SOFTHSM2_CONF
 * in this process, which SoftHSM2 reads at C_Initialize: make the token before the library is
 * loaded, and one token at a time per process.
 */
export function makeSoftHsmToken(options: SoftHsmOptions = {}): SoftHsmToken {
  const label = options.label ?? 'Token thử';
  const pin = options.pin ?? '246813';
  const certId = options.id ?? 'a1b2c3';
  const kind = options.certificate ?? 'signer';
  const dir = mkdtempSync(join(tmpdir(), 'congvu-softhsm-'));
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens);
  mkdirSync(join(dir, 'ca'));
  const confPath = join(dir, 'softhsm2.conf');
  // SoftHSM2 2.6.1 ignores the "-CKM_…" (all but) form of this list, so the short list is spelled out.
  const mechanisms = options.withoutSha256RsaMechanism ? 'CKM_RSA_PKCS,CKM_RSA_PKCS_KEY_PAIR_GEN,CKM_SHA256' : 'ALL';
  writeFileSync(confPath, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\nslots.mechanisms = ${mechanisms}\n`);
  process.env['SOFTHSM2_CONF'] = confPath;
  const env = { ...process.env, SOFTHSM2_CONF: confPath };
  try {
    const init = run('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', pin, '--so-pin', '97531864'], dir, env);
    const slot = /reassigned to slot (\d+)/.exec(init)?.[1];
    const serial = /Serial number:\s*(\S+)/.exec(run('softhsm2-util', ['--show-slots'], dir, env).split(`Slot ${slot}`)[1] ?? '')?.[1] ?? '';

    run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-utf8',
      '-subj', '/CN=congvu Test CA/O=congvu tests/C=VN', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
    writeFileSync(join(dir, 'ca', 'index.txt'), '');
    writeFileSync(join(dir, 'ca', 'serial'), '0a1b2c\n');
    writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG);
    const commonName = options.commonName ?? 'Nguyễn Thị Ánh Tuyết';
    run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'signer.key', '-out', 'signer.csr', '-utf8', '-subj', `/CN=${commonName}/O=Sở Nội vụ/C=VN`], dir);
    const now = Date.now();
    const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
    const [from, to] = kind === 'expired' ? [now - 400 * 86_400_000, now - 35 * 86_400_000] : [now - 86_400_000, now + 365 * 86_400_000];
    const [issuerPem, issuerKey] = options.withIntermediateCa ? ['intermediate.pem', 'intermediate.key'] : ['ca.pem', 'ca.key'];
    if (options.withIntermediateCa) {
      run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'intermediate.key', '-out', 'intermediate.csr', '-subj', '/CN=congvu Test Sub CA/O=congvu tests/C=VN'], dir);
      writeFileSync(join(dir, 'intermediate.ext'), 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n');
      run('openssl', ['x509', '-req', '-in', 'intermediate.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '0x2b', '-days', '3000', '-extfile', 'intermediate.ext', '-outform', 'DER', '-out', 'intermediate.der'], dir);
      run('openssl', ['x509', '-inform', 'DER', '-in', 'intermediate.der', '-out', 'intermediate.pem'], dir);
    }
    run('openssl', ['ca', '-batch', '-config', 'ca.cnf', '-utf8', '-cert', issuerPem, '-keyfile', issuerKey, '-in', 'signer.csr', '-out', 'signer.pem', '-notext',
      '-startdate', stamp(from), '-enddate', stamp(to), '-extensions', kind === 'key-encipherment-only' ? 'encipherment' : 'signer'], dir);
    run('openssl', ['x509', '-in', 'signer.pem', '-outform', 'DER', '-out', 'signer.der'], dir);
    run('openssl', ['x509', '-in', 'ca.pem', '-outform', 'DER', '-out', 'ca.der'], dir);
    run('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', 'signer.key', '-outform', 'DER', '-out', 'signer.key.der'], dir);

    const tool = (file: string, type: string, id: string, objectLabel: string) =>
      run('pkcs11-tool', ['--module', SOFTHSM_MODULE, '--token-label', label, '--login', '--pin', pin, '--write-object', file, '--type', type, '--id', id, '--label', objectLabel], dir, env);
    if (options.withKey !== false) tool('signer.key.der', 'privkey', certId, 'signer');
    tool('signer.der', 'cert', certId, 'signer');
    if (options.withCaCertificate || options.withIntermediateCa) tool('ca.der', 'cert', 'ca01', 'congvu Test CA');
    if (options.withIntermediateCa) tool('intermediate.der', 'cert', 'ca02', 'congvu Test Sub CA');
    if (options.emptySecondToken) run('softhsm2-util', ['--init-token', '--free', '--label', options.emptySecondToken, '--pin', pin, '--so-pin', '97531864'], dir, env);
    if (options.pinLocked) markPinLocked(tokens, label);
    // The signer's private key stays only on the token, as on a real one.
    rmSync(join(dir, 'signer.key'));
    rmSync(join(dir, 'signer.key.der'));

    return {
      dir,
      modulePath: SOFTHSM_MODULE,
      confPath,
      label,
      pin,
      certId,
      serial,
      certificateDer: new Uint8Array(readFileSync(join(dir, 'signer.der'))),
      caDer: new Uint8Array(readFileSync(join(dir, 'ca.der'))),
      caPemPath: join(dir, 'ca.pem'),
      caKeyPath: join(dir, 'ca.key'),
      intermediateDer: options.withIntermediateCa ? new Uint8Array(readFileSync(join(dir, 'intermediate.der'))) : null,
      removeTokenFiles: () => rmSync(tokens, { recursive: true, force: true }),
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
