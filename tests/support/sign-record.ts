import { p12Signer } from '../../node-shared/signing/p12-signer';
import { signDocument, type SignDocumentOptions } from '../../node-shared/signing/sign-document';
import type { TestIdentity } from './test-certificate';

/** A record PDF signed as the app signs it (PAdES, the team lead's certifying signature by default). */
export async function signRecordPdf(pdf: Uint8Array, identity: Pick<TestIdentity, 'p12' | 'passphrase'>, options: Partial<Omit<SignDocumentOptions, 'signer'>> = {}): Promise<Uint8Array> {
  const result = await signDocument(pdf, {
    signer: p12Signer(identity.p12, identity.passphrase),
    meta: { name: 'Nguyen Thi Anh Tuyet', reason: 'Ky bien ban kiem tra cong vu', location: 'Xa Tan Phuoc Hung', role: 'leader' },
    certify: true,
    ...options,
  });
  return result.pdf;
}
