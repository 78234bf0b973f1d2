import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openssl, opensslDate, pemToDer } from './openssl';

/**
 * A throwaway PKI made with the real `openssl ca`, laid out like a Vietnamese CA: a root, an
 * intermediate that issues the officials' certificates, a TSA and an OCSP responder. Every
 * certificate carries a CRL distribution point and an AIA OCSP URL under `baseUrl` (the loopback
 * revocation server, which is started first so its port is known). Make it once per test file:
 * it costs a dozen RSA key generations.
 */

export interface PkiCertificate {
  certPath: string;
  keyPath: string;
  pem: string;
  der: Uint8Array;
}

export interface PkiSigner extends PkiCertificate {
  /** PKCS#12 with the key, the certificate and the intermediate, in the PBE node-forge reads. */
  p12Path: string;
  p12: Uint8Array;
  passphrase: string;
}

/** A CA's openssl database: what `openssl ocsp -index` and `openssl ca -gencrl` read. */
export interface PkiAuthority extends PkiCertificate {
  dir: string;
  configPath: string;
  indexPath: string;
  /** The CA's current CRL (DER) and where it lies; the revocation server serves it at `/<name>.crl`. */
  crlPath: string;
  crl: Uint8Array;
}

export interface TestPki {
  dir: string;
  baseUrl: string;
  root: PkiAuthority;
  intermediate: PkiAuthority;
  /** A root nobody trusts, with its own signer. */
  strangerRoot: PkiAuthority;
  signers: {
    good: PkiSigner;
    /** Revoked by the intermediate (reason keyCompromise) at `revokedAt`, listed in its CRL. */
    revoked: PkiSigner;
    /** Valid from `expiredValidity.notBefore` to `expiredValidity.notAfter`, both in the past. */
    expired: PkiSigner;
    /** keyUsage keyEncipherment only. */
    wrongUsage: PkiSigner;
    stranger: PkiSigner;
  };
  /** Issued by the root, extendedKeyUsage critical timeStamping. */
  tsa: PkiCertificate;
  /** Issued by the intermediate, extendedKeyUsage OCSPSigning, with id-pkix-ocsp-nocheck. */
  ocspResponder: PkiCertificate;
  revokedAt: Date;
  expiredValidity: { notBefore: Date; notAfter: Date };
  /** Validity of every other signer: from `validFrom`, for years to come. */
  validFrom: Date;
  /** Removes the temporary folder (call in afterAll). */
  dispose(): void;
}

const DAY = 86_400_000;
const PASSPHRASE = 'mat-khau-thu-123';

function caConfig(dir: string, baseUrl: string, name: string): string {
  const revocation = [`crlDistributionPoints = URI:${baseUrl}/${name}.crl`, `authorityInfoAccess = OCSP;URI:${baseUrl}/ocsp/${name}`].join('\n');
  return `
[ca]
default_ca = ca_default
[ca_default]
dir = ${dir}
database = ${dir}/index.txt
new_certs_dir = ${dir}/newcerts
serial = ${dir}/serial
crlnumber = ${dir}/crlnumber
default_md = sha256
default_days = 365
default_crl_days = 30
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
[policy_any]
commonName = supplied
organizationName = optional
countryName = optional
[req]
distinguished_name = req_dn
string_mask = utf8only
utf8 = yes
[req_dn]
[v3_root]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_intermediate]
basicConstraints = critical,CA:true,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
${revocation}
[v3_signer]
basicConstraints = CA:false
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
${revocation}
[v3_wrong_usage]
basicConstraints = CA:false
keyUsage = critical,keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
${revocation}
[v3_tsa]
basicConstraints = CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
${revocation}
[v3_ocsp]
basicConstraints = CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,OCSPSigning
noCheck = ignored
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
`;
}

function subject(commonName: string, organization: string): string {
  return `/CN=${commonName}/O=${organization}/C=VN`;
}

function readCertificate(certPath: string, keyPath: string): PkiCertificate {
  const pem = readFileSync(certPath, 'utf8');
  return { certPath, keyPath, pem, der: pemToDer(pem) };
}

interface Authority {
  dir: string;
  configPath: string;
  certPath: string;
  keyPath: string;
}

function prepareAuthority(root: string, name: string, baseUrl: string): Authority {
  const dir = join(root, name);
  mkdirSync(join(dir, 'newcerts'), { recursive: true });
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), name === 'intermediate' ? '2000\n' : name === 'root' ? '1000\n' : '3000\n');
  writeFileSync(join(dir, 'crlnumber'), '01\n');
  const configPath = join(dir, 'ca.cnf');
  writeFileSync(configPath, caConfig(dir, baseUrl, name));
  return { dir, configPath, certPath: join(dir, 'ca.crt'), keyPath: join(dir, 'ca.key') };
}

function newKey(path: string): void {
  openssl(['genrsa', '-out', path, '2048']);
}

function request(configPath: string, keyPath: string, subj: string, csrPath: string): void {
  openssl(['req', '-new', '-config', configPath, '-utf8', '-key', keyPath, '-subj', subj, '-out', csrPath]);
}

/** `openssl ca` signs a request with its extensions section and an exact validity window. */
function issue(issuer: Authority, options: { csrPath: string; out: string; extensions: string; from: Date; to: Date; selfSign?: boolean }): void {
  openssl([
    'ca', '-batch', '-notext', '-utf8', '-config', issuer.configPath, '-extensions', options.extensions,
    '-startdate', opensslDate(options.from), '-enddate', opensslDate(options.to),
    ...(options.selfSign ? ['-selfsign', '-keyfile', issuer.keyPath] : ['-cert', issuer.certPath, '-keyfile', issuer.keyPath]),
    '-in', options.csrPath, '-out', options.out,
  ]);
}

function makeCertificate(issuer: Authority, name: string, subj: string, extensions: string, from: Date, to: Date): PkiCertificate {
  const keyPath = join(issuer.dir, `${name}.key`);
  const csrPath = join(issuer.dir, `${name}.csr`);
  const certPath = join(issuer.dir, `${name}.crt`);
  newKey(keyPath);
  request(issuer.configPath, keyPath, subj, csrPath);
  issue(issuer, { csrPath, out: certPath, extensions, from, to });
  return readCertificate(certPath, keyPath);
}

function makeSigner(issuer: Authority, name: string, subj: string, extensions: string, from: Date, to: Date): PkiSigner {
  const certificate = makeCertificate(issuer, name, subj, extensions, from, to);
  const p12Path = join(issuer.dir, `${name}.p12`);
  openssl([
    'pkcs12', '-export', '-in', certificate.certPath, '-inkey', certificate.keyPath, '-certfile', issuer.certPath,
    '-name', name, '-passout', `pass:${PASSPHRASE}`,
    '-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-out', p12Path,
  ]);
  return { ...certificate, p12Path, p12: new Uint8Array(readFileSync(p12Path)), passphrase: PASSPHRASE };
}

function makeRoot(dir: string, name: string, baseUrl: string, commonName: string, from: Date, to: Date): Authority {
  const authority = prepareAuthority(dir, name, baseUrl);
  const csrPath = join(authority.dir, 'ca.csr');
  newKey(authority.keyPath);
  request(authority.configPath, authority.keyPath, subject(commonName, 'Ban Cơ yếu Chính phủ (thử)'), csrPath);
  issue(authority, { csrPath, out: authority.certPath, extensions: 'v3_root', from, to, selfSign: true });
  return authority;
}

/** Writes the authority's CRL now (PEM for openssl, DER beside it) and returns it. */
export function writeCrl(authority: Pick<PkiAuthority, 'configPath' | 'certPath' | 'keyPath' | 'dir'>): { crlPath: string; crl: Uint8Array } {
  const pemPath = join(authority.dir, 'crl.pem');
  const crlPath = join(authority.dir, 'crl.der');
  openssl(['ca', '-gencrl', '-config', authority.configPath, '-cert', authority.certPath, '-keyfile', authority.keyPath, '-out', pemPath]);
  openssl(['crl', '-in', pemPath, '-outform', 'DER', '-out', crlPath]);
  return { crlPath, crl: new Uint8Array(readFileSync(crlPath)) };
}

function finish(authority: Authority): PkiAuthority {
  return { ...readCertificate(authority.certPath, authority.keyPath), dir: authority.dir, configPath: authority.configPath, indexPath: join(authority.dir, 'index.txt'), ...writeCrl(authority) };
}

/** openssl's index.txt keeps the revocation time as YYMMDDHHMMSSZ in the third column. */
function revocationTime(indexPath: string, certPath: string): Date {
  const serial = openssl(['x509', '-in', certPath, '-noout', '-serial']).toString().trim().replace(/^serial=/, '').toUpperCase();
  const line = readFileSync(indexPath, 'utf8').split('\n').find((row) => row.split('\t')[3]?.toUpperCase() === serial);
  const field = line?.split('\t')[2]?.split(',')[0];
  const match = field ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(field) : null;
  if (!match) throw new Error(`no revocation time for serial ${serial}`);
  const [, yy, mo, dd, hh, mi, ss] = match.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(2000 + yy, mo - 1, dd, hh, mi, ss));
}

export function makeTestPki(baseUrl: string): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'congvu-pki-'));
  const now = Date.now();
  const at = (days: number) => new Date(Math.floor((now + days * DAY) / 1000) * 1000);
  const validFrom = at(-200);
  const validTo = at(730);

  const root = makeRoot(dir, 'root', baseUrl, 'Test Root CA congvu', at(-365), at(7300));
  const strangerRoot = makeRoot(dir, 'stranger', baseUrl, 'Stranger Root CA', at(-365), at(7300));
  const intermediate = prepareAuthority(dir, 'intermediate', baseUrl);
  newKey(intermediate.keyPath);
  request(root.configPath, intermediate.keyPath, subject('Test Intermediate CA congvu', 'Ban Cơ yếu Chính phủ (thử)'), join(dir, 'intermediate.csr'));
  issue(root, { csrPath: join(dir, 'intermediate.csr'), out: intermediate.certPath, extensions: 'v3_intermediate', from: at(-300), to: at(3650) });

  const org = 'Sở Nội vụ tỉnh Thử';
  const expiredValidity = { notBefore: at(-250), notAfter: at(-50) };
  const signers = {
    good: makeSigner(intermediate, 'good', subject('Nguyễn Văn An', org), 'v3_signer', validFrom, validTo),
    revoked: makeSigner(intermediate, 'revoked', subject('Trần Thị Bình', org), 'v3_signer', validFrom, validTo),
    expired: makeSigner(intermediate, 'expired', subject('Lê Văn Cường', org), 'v3_signer', expiredValidity.notBefore, expiredValidity.notAfter),
    wrongUsage: makeSigner(intermediate, 'wrong-usage', subject('Phạm Thị Dung', org), 'v3_wrong_usage', validFrom, validTo),
    stranger: makeSigner(strangerRoot, 'stranger-signer', subject('Người Lạ', 'Không rõ'), 'v3_signer', validFrom, validTo),
  };
  const tsa = makeCertificate(root, 'tsa', subject('Test TSA congvu', 'Ban Cơ yếu Chính phủ (thử)'), 'v3_tsa', validFrom, validTo);
  const ocspResponder = makeCertificate(intermediate, 'ocsp', subject('Test OCSP congvu', 'Ban Cơ yếu Chính phủ (thử)'), 'v3_ocsp', validFrom, validTo);

  openssl(['ca', '-config', intermediate.configPath, '-cert', intermediate.certPath, '-keyfile', intermediate.keyPath, '-revoke', signers.revoked.certPath, '-crl_reason', 'keyCompromise']);
  const finishedIntermediate = finish(intermediate);
  return {
    dir,
    baseUrl,
    root: finish(root),
    intermediate: finishedIntermediate,
    strangerRoot: finish(strangerRoot),
    signers,
    tsa,
    ocspResponder,
    revokedAt: revocationTime(finishedIntermediate.indexPath, signers.revoked.certPath),
    expiredValidity,
    validFrom,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
