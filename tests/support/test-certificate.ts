import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

export interface TestIdentity {
  p12: Uint8Array;
  passphrase: string;
  certificatePem: string;
  caPem: string;
}

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey,
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey,
  };
}

function certificate(subject: forge.pki.CertificateField[], issuer: forge.pki.CertificateField[], publicKey: forge.pki.rsa.PublicKey, signer: forge.pki.rsa.PrivateKey, serial: string, ca: boolean, days: [number, number]) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial;
  cert.validity.notBefore = new Date(Date.now() + days[0] * 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + days[1] * 86_400_000);
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  cert.setExtensions(ca ? [{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true }] : [{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, nonRepudiation: true }]);
  cert.sign(signer, forge.md.sha256.create());
  return cert;
}

/**
 * A team lead's PKCS#12 issued by a throwaway test CA (names with Vietnamese diacritics, as real
 * certificates have). `days` sets the signer certificate's validity relative to now.
 */
export function makeTestIdentity(options: { passphrase?: string; days?: [number, number]; commonName?: string } = {}): TestIdentity {
  const passphrase = options.passphrase ?? 'mật-khẩu-thử 123';
  const ca = keyPair();
  const caName = [{ shortName: 'CN', value: 'congvu Test CA' }, { shortName: 'O', value: 'congvu tests' }, { shortName: 'C', value: 'VN' }];
  const caCert = certificate(caName, caName, ca.publicKey, ca.privateKey, '01', true, [-30, 3650]);
  const user = keyPair();
  const userName = [{ shortName: 'CN', value: options.commonName ?? 'Nguyen Thi Anh Tuyet' }, { shortName: 'O', value: 'So Noi vu' }, { shortName: 'C', value: 'VN' }];
  const userCert = certificate(userName, caName, user.publicKey, ca.privateKey, '0a1b2c', false, options.days ?? [-1, 365]);
  const p12Asn1 = forge.pkcs12.toPkcs12Asn1(user.privateKey, [userCert, caCert], passphrase, { algorithm: '3des' });
  return {
    p12: new Uint8Array(Buffer.from(forge.asn1.toDer(p12Asn1).getBytes(), 'binary')),
    passphrase,
    certificatePem: forge.pki.certificateToPem(userCert),
    caPem: forge.pki.certificateToPem(caCert),
  };
}
