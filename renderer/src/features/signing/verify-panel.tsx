import { useState, type DragEvent } from 'react';
import type { DocumentVerdict, SignatureVerdict } from '@shared/pdf-signature/verdict';
import { verifyDocument } from '@shared/pdf-signature/verify-document';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/vi';
import { describeError } from '../../app/describe-error';
import { bridge } from '../../bridge/bridge';
import { useSigningStatus } from './queries';
import { instantToSecond } from './instant-seconds';
import { validityDay } from './validity-day';

const MAX_PDF_BYTES = 100 * 1024 * 1024;

/** The verifier's document-level findings in the UI's words; anything else is shown as it came. */
const documentProblems: Record<string, MessageKey> = {
  'not-pdf': 'verify.problem.notPdf',
  'no-signature': 'verify.problem.noSignature',
  'signature-broken': 'verify.problem.digest',
  appended: 'verify.problem.appended',
  'byte-range': 'verify.problem.byteRange',
  'changed-after-signing': 'verify.changesRejected',
  untrusted: 'verify.problem.untrusted',
  'cms-unreadable': 'verify.problem.cms',
};

const pemToDer = (pem: string) => Uint8Array.from(atob(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '')), (c) => c.charCodeAt(0));

/**
 * A verdict for any signed PDF a user opens: the document as a whole, then every signature in the
 * order it was made. In the desktop app main judges it against the trust folder (and revocation
 * fetched when online); in the browser the page judges it, against roots the user adds here.
 */
export function VerifyPanel() {
  const { t } = useI18n();
  const { status } = useSigningStatus();
  const desktop = status?.available === true;
  const [result, setResult] = useState<{ name: string; verdict: DocumentVerdict; withTrust: boolean } | null>(null);
  const [trusted, setTrusted] = useState<{ name: string; pem: string }[]>([]);
  const [error, setError] = useState<string | null>(null);

  const check = async (file: File | undefined) => {
    setError(null);
    setResult(null);
    if (!file) return;
    if (file.size > MAX_PDF_BYTES) return setError(t('err.file.tooLarge'));
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (desktop) {
        const verdict = await bridge.signing.verify(bytes);
        setResult({ name: file.name, verdict, withTrust: (await bridge.signing.trusted()).length > 0 });
      } else {
        const anchors = trusted.map((c) => pemToDer(c.pem));
        setResult({ name: file.name, verdict: verifyDocument(bytes, { anchors }), withTrust: anchors.length > 0 });
      }
    } catch (e) {
      setError(describeError(e, t));
    }
  };
  const addTrusted = async (files: FileList | null) => {
    setError(null);
    for (const file of Array.from(files ?? [])) {
      const pems = (await file.text()).match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
      if (!pems) {
        setError(t('verify.trusted.notPem', { name: file.name }));
        continue;
      }
      setTrusted((list) => [...list, ...pems.map((pem) => ({ name: file.name, pem }))]);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    void check(e.dataTransfer.files[0]);
  };
  const v = result?.verdict;
  const allTrusted = !!v && result.withTrust && v.signatures.length > 0 && v.signatures.every((s) => s.trust === 'trusted');
  return (
    <section className="card" aria-labelledby="verify-title" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <h2 id="verify-title">{t('verify.title')}</h2>
      <p className="small muted">{t('verify.hint')}</p>
      <label className="button">
        {t('verify.open')}
        <input type="file" accept="application/pdf,.pdf" className="visually-hidden" data-testid="verify-file" onChange={(e) => void check(e.target.files?.[0])} />
      </label>{' '}
      {!desktop && (
        <label className="button">
          {t('verify.trusted.add')}
          <input type="file" accept=".pem,.crt,.cer" multiple className="visually-hidden" data-testid="verify-trusted" onChange={(e) => void addTrusted(e.target.files)} />
        </label>
      )}
      {!desktop && trusted.length > 0 && <p className="small">{t('verify.trusted.count', { n: trusted.length })}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {result && v && (
        <div className={`verdict ${v.ok ? 'ok' : 'bad'}`} data-testid="verify-verdict" data-ok={v.ok} role="status">
          <p className="verdict-title">
            <strong>{v.ok ? t(allTrusted ? 'verify.ok.trusted' : 'verify.ok') : t('verify.bad')}</strong> — {result.name}
          </p>
          {v.problems.length > 0 && (
            <ul>
              {v.problems.map((p) => (
                <li key={p}>{p in documentProblems ? t(documentProblems[p]!) : p}</li>
              ))}
            </ul>
          )}
          {v.changes.problems.length > 0 && <p className="small mono">{v.changes.problems.join('; ')}</p>}
          {v.ok && !result.withTrust && <p className="small">{t('verify.noTrustList')}</p>}
          <ol className="signatures">
            {v.signatures.map((s) => (
              <SignatureItem key={s.index} s={s} />
            ))}
          </ol>
          <p className="mono small">SHA-256 {v.fileSha256}</p>
        </div>
      )}
    </section>
  );
}

function SignatureItem({ s }: { s: SignatureVerdict }) {
  const { t } = useI18n();
  const stamp = s.timestamp?.intact ? s.timestamp.time : null;
  return (
    <li data-testid="verify-signature" data-intact={s.intact}>
      <strong data-testid="verify-signer">{s.kind === 'document-timestamp' ? t('verify.documentTimestamp') : (s.signer?.subject ?? '—')}</strong>
      {s.role && <> · {t(`report.signers.role.${s.role}`)}</>}
      <br />
      <span className={s.intact && s.coversRevision ? 'ok-text' : 'field-error'}>{t(s.intact && s.coversRevision ? 'verify.intact' : 'verify.broken')}</span>
      {s.kind === 'signature' && (
        <>
          {' · '}
          {t(`verify.trust.${s.trust}`)}
          {' · '}
          {stamp ? t('verify.timestamped', { time: instantToSecond(stamp) }) : t('verify.notTimestamped', { time: s.claimedTime ? instantToSecond(s.claimedTime) : '—' })}
          {' · '}
          {t(`verify.revocation.${s.revocation.status}`)}
          {s.signer && (
            <span className="small muted">
              {' · '}
              {t('cert.issuer')}: {s.signer.issuer} · {t('cert.validity')}: {validityDay(s.signer.notBefore)} → {validityDay(s.signer.notAfter)}
            </span>
          )}
        </>
      )}
      {s.kind === 'document-timestamp' && stamp && <> · {t('verify.timestamped', { time: instantToSecond(stamp) })}</>}
    </li>
  );
}
