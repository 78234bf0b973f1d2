import { signingMessagesEn, signingMessagesVi, type SigningMessageKey } from '../messages/signing-messages';
import { vnDate, vnTime } from '../report/vn-date';
import { asLocalIso } from '../time/local-iso';
import type { DocumentVerdict, SignatureVerdict, SignerRole } from './verdict';

/**
 * The verdict in words, the same in the command line, the hub's log and the app: one block per
 * signature, in order, then the conclusion. Times are the local clock's, dd/mm/yyyy and 24-hour,
 * with the UTC offset so a reader elsewhere is not misled.
 */
export type Language = 'vi' | 'en';

const ROLE_TEXT: Record<Language, Record<SignerRole, string>> = {
  vi: { leader: 'Trưởng đoàn', 'unit-representative': 'Đại diện đơn vị được kiểm tra', recorder: 'Người ghi biên bản' },
  en: { leader: 'Team leader', 'unit-representative': 'Representative of the inspected unit', recorder: 'Recorder' },
};

export function roleText(language: Language, role: SignerRole): string {
  return ROLE_TEXT[language][role];
}

export function message(language: Language, key: SigningMessageKey, vars: Record<string, string> = {}): string {
  const text: string = (language === 'vi' ? signingMessagesVi : signingMessagesEn)[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? `{${name}}`);
}

/** "16:25:13 04/12/2026 (UTC+07:00)" on this device's clock. */
export function instantText(instant: string): string {
  const local = asLocalIso(instant);
  const offset = local.slice(-6);
  return `${vnTime(local, { seconds: true })} ${vnDate(local)} (UTC${offset})`;
}

export function signatureLines(language: Language, s: SignatureVerdict, total: number): string[] {
  const vi = language === 'vi';
  const who = s.signer?.commonName || s.name || '—';
  const title =
    s.kind === 'document-timestamp'
      ? `${vi ? 'Dấu thời gian tài liệu' : 'Document time-stamp'} ${s.index}/${total}: ${who}`
      : `${vi ? 'Chữ ký' : 'Signature'} ${s.index}/${total}${s.role ? ` (${roleText(language, s.role)})` : ''}: ${who}`;
  const lines = [title];
  lines.push(`  ${message(language, s.intact && s.coversRevision ? 'verify.intact' : 'verify.broken')}`);
  if (s.signer) lines.push(`  ${vi ? 'Chứng thư' : 'Certificate'}: ${s.signer.subject} — ${vi ? 'cấp bởi' : 'issued by'} ${s.signer.issuer}`);
  lines.push(`  ${message(language, `verify.trust.${s.trust}`)}`);
  if (s.kind === 'signature') {
    if (s.timestamp) lines.push(`  ${message(language, 'verify.timestamped', { time: instantText(s.timestamp.time) })}`);
    else lines.push(`  ${message(language, 'verify.notTimestamped', { time: s.claimedTime ? instantText(s.claimedTime) : '—' })}`);
  }
  lines.push(`  ${message(language, `verify.revocation.${s.revocation.status}`)}${s.revocation.source ? ` (${s.revocation.kind?.toUpperCase() ?? ''}, ${s.revocation.source === 'embedded' ? (vi ? 'có sẵn trong tệp' : 'embedded in the file') : vi ? 'tải về khi kiểm tra' : 'fetched now'})` : ''}`);
  if (s.certification) lines.push(`  ${vi ? 'Chữ ký chứng nhận: sau chữ ký này chỉ được thêm chữ ký' : 'Certification signature: only further signatures may follow'}`);
  return lines;
}

export function verdictText(language: Language, verdict: DocumentVerdict): string {
  const vi = language === 'vi';
  const lines = verdict.signatures.flatMap((s) => signatureLines(language, s, verdict.signatures.length));
  if (!verdict.changes.allowed) lines.push(message(language, 'verify.changesRejected'), ...verdict.changes.problems.map((p) => `  ${p}`));
  lines.push(
    verdict.ok
      ? vi
        ? 'Kết luận: HỢP LỆ'
        : 'Conclusion: VALID'
      : `${vi ? 'Kết luận: KHÔNG HỢP LỆ' : 'Conclusion: NOT VALID'} (${verdict.problems.join(', ')})`,
  );
  return lines.join('\n');
}
