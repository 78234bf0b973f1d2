import type { DocumentVerdict, SignerRole } from '@shared/pdf-signature/verdict';

/**
 * Whether a file main handed back is fit to keep as the record's signed PDF: every signature and
 * time-stamp in it intact and covering its own revision, nothing but signatures and validation
 * data added after a signature, nothing appended, and (after signing) the new signer's signature in it.
 */
export function signedFileSound(verdict: DocumentVerdict, sha256: string, expect: { role: SignerRole } | { documentTimestamp: true }): boolean {
  const all = verdict.signatures;
  const last = all.at(-1);
  // Read without a trust folder, `ok` is integrity alone (validation data may follow the last signature).
  const sound = verdict.fileSha256 === sha256 && all.length > 0 && verdict.ok;
  if (!sound) return false;
  if ('role' in expect) return all.some((s) => s.kind === 'signature' && s.role === expect.role);
  return last?.kind === 'document-timestamp' && last.timestamp?.intact === true;
}
