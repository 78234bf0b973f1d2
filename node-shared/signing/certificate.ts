import forge from 'node-forge';
import type { SigningMessageKey } from '../../shared/messages/signing-messages';

/** Every signing failure is one of the catalogue's err.sign.* sentences. */
export type SigningErrorCode = Extract<SigningMessageKey, `err.sign.${string}`>;
import type { CertificateInfo } from '../../shared/ipc/signing-schemas';

export class SigningError extends Error {
  override name = 'SigningError';
  /** An i18n key the renderer shows in Vietnamese. */
  constructor(readonly code: SigningErrorCode) {
    super(code);
  }
}


function describeName(attrs: forge.pki.CertificateField[]): string {
  const get = (short: string) => attrs.find((a) => a.shortName === short)?.value as string | undefined;
  return [get('CN'), get('O'), get('C')].filter(Boolean).join(', ');
}

export function describeCertificate(cert: forge.pki.Certificate): CertificateInfo {
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  return {
    subject: describeName(cert.subject.attributes),
    issuer: describeName(cert.issuer.attributes),
    serialNumber: cert.serialNumber,
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
    sha256Fingerprint: forge.md.sha256.create().update(der).digest().toHex(),
  };
}

/**
 * Opens a PKCS#12 file with its passphrase and returns the signer's certificate; refuses files
 * without a private key or with a wrong passphrase, with an error the user can act on.
 */
export function openP12(p12: Uint8Array, passphrase: string): { certificate: forge.pki.Certificate; info: CertificateInfo } {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString('binary')));
    parsed = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SigningError(/password|MAC|decrypt/i.test(message) ? 'err.sign.passphrase' : 'err.sign.notP12');
  }
  const bags = (oid: string | undefined): forge.pkcs12.Bag[] => (oid ? (parsed.getBags({ bagType: oid })[oid] ?? []) : []);
  const keys = [...bags(forge.pki.oids['pkcs8ShroudedKeyBag']), ...bags(forge.pki.oids['keyBag'])].filter((b) => b.key);
  if (keys.length === 0) throw new SigningError('err.sign.noKey');
  const certs = bags(forge.pki.oids['certBag']).map((b) => b.cert).filter((c): c is forge.pki.Certificate => !!c);
  const key = keys[0]!.key as forge.pki.rsa.PrivateKey;
  const certificate = certs.find((c: forge.pki.Certificate) => (c.publicKey as forge.pki.rsa.PublicKey).n.equals(key.n)) ?? certs[0];
  if (!certificate) throw new SigningError('err.sign.noCertificate');
  return { certificate, info: describeCertificate(certificate) };
}
