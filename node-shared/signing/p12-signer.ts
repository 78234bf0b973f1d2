import { sign as rsaSign } from 'node:crypto';
import forge from 'node-forge';
import type { ExternalSigner } from '../../shared/pdf-signature/external-signer';
import { SigningError } from './certificate';

const der = (cert: forge.pki.Certificate) => new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'));

/**
 * A PKCS#12 file opened in this process as an ExternalSigner: the key signs with node:crypto (RSA,
 * PKCS#1 v1.5, SHA-256), and the file's other certificates travel as the chain.
 */
export function p12Signer(p12: Uint8Array, passphrase: string): ExternalSigner & { notBefore: Date; notAfter: Date } {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString('binary'))), false, passphrase);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SigningError(/password|MAC|decrypt/i.test(message) ? 'err.sign.passphrase' : 'err.sign.notP12');
  }
  const bags = (oid: string | undefined): forge.pkcs12.Bag[] => (oid ? (parsed.getBags({ bagType: oid })[oid] ?? []) : []);
  const key = [...bags(forge.pki.oids['pkcs8ShroudedKeyBag']), ...bags(forge.pki.oids['keyBag'])].map((b) => b.key).find(Boolean) as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new SigningError('err.sign.noKey');
  if (!key.n) throw new SigningError('err.sign.unsupportedKey');
  const certs = bags(forge.pki.oids['certBag']).map((b) => b.cert).filter((c): c is forge.pki.Certificate => !!c);
  const certificate = certs.find((c) => (c.publicKey as forge.pki.rsa.PublicKey).n?.equals(key.n));
  if (!certificate) throw new SigningError('err.sign.noCertificate');
  const pem = forge.pki.privateKeyToPem(key);
  return {
    certificate: der(certificate),
    chain: certs.filter((c) => c !== certificate).map(der),
    notBefore: certificate.validity.notBefore,
    notAfter: certificate.validity.notAfter,
    signSha256Rsa: async (data) => new Uint8Array(rsaSign('sha256', data, pem)),
  };
}
