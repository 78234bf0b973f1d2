import { useState, type DragEvent } from 'react';
import { verifySignedPdf, type VerifyResult } from '@shared/report/verify-pdf';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { bridge } from '../../bridge/bridge';
import { PassphraseForm } from './passphrase-form';
import { useSigningStatus } from './queries';
import { unavailableMessage } from './unavailable-message';
import { problemKeys } from './problem-keys';
import { formatInstant } from '../../app/format';
import { SigningSetup } from './signing-setup';
import { validityDay } from './validity-day';

const MAX_PDF_BYTES = 100 * 1024 * 1024;

/** The team lead's certificate, and a verdict for any signed PDF a user opens. */
export function SigningPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="signing-title">
      <div className="page-head">
        <h1 id="signing-title">{t('nav.signing')}</h1>
      </div>
      <SigningPanels />
      <VerifyPanel />
    </section>
  );
}

/** Where this computer can sign, how it does; elsewhere only why it cannot. */
function SigningPanels() {
  const { status } = useSigningStatus();
  if (status?.available) return <SigningSetup certificatePanel={<CertificatePanel />} />;
  return <CertificatePanel />;
}

function CertificatePanel() {
  const { t } = useI18n();
  const { status, refresh } = useSigningStatus();
  const [error, setError] = useState<string | null>(null);
  if (!status) return <p className="muted">{t('common.loading')}</p>;
  const certificate = status.certificate;
  return (
    <section className="card" aria-labelledby="cert-title" data-testid="certificate-panel">
      <h2 id="cert-title">{t('cert.title')}</h2>
      {!status.available && (
        <p className="notice" data-testid="signing-unavailable">
          {t(unavailableMessage[status.reason])}
        </p>
      )}
      {certificate ? (
        <>
          <dl className="facts">
            <dt>{t('cert.subject')}</dt>
            <dd>{certificate.subject}</dd>
            <dt>{t('cert.issuer')}</dt>
            <dd>{certificate.issuer}</dd>
            <dt>{t('cert.validity')}</dt>
            <dd>
              {validityDay(certificate.notBefore)} → {validityDay(certificate.notAfter)}
            </dd>
            <dt>SHA-256</dt>
            <dd className="mono small">{certificate.sha256Fingerprint}</dd>
          </dl>
          <button
            type="button"
            className="button"
            onClick={() => {
              if (window.confirm(t('cert.removeConfirm'))) void bridge.signing.remove().then(refresh, (e: unknown) => setError(describeError(e, t)));
            }}
          >
            {t('cert.remove')}
          </button>
        </>
      ) : (
        <p className="muted">{t('cert.none')}</p>
      )}
      {status.available && (
        <>
          <p className="small">{t('cert.importHint')}</p>
          <PassphraseForm
            submitLabel={t(certificate ? 'cert.replace' : 'cert.import')}
            testId="import-certificate"
            onSubmit={async (passphrase) => {
              setError(null);
              await bridge.signing.importCertificate(passphrase);
              refresh();
            }}
          />
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function VerifyPanel() {
  const { t, locale } = useI18n();
  const [result, setResult] = useState<{ name: string; verdict: VerifyResult } | null>(null);
  const [trusted, setTrusted] = useState<{ name: string; pem: string }[]>([]);
  const [error, setError] = useState<string | null>(null);

  const check = async (file: File | undefined) => {
    setError(null);
    setResult(null);
    if (!file) return;
    if (file.size > MAX_PDF_BYTES) return setError(t('err.file.tooLarge'));
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      setResult({ name: file.name, verdict: verifySignedPdf(bytes, trusted.map((c) => c.pem)) });
    } catch (e) {
      setError(describeError(e, t));
    }
  };
  const addTrusted = async (files: FileList | null) => {
    setError(null);
    for (const file of Array.from(files ?? [])) {
      const text = await file.text();
      const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
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
  return (
    <section className="card" aria-labelledby="verify-title" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <h2 id="verify-title">{t('verify.title')}</h2>
      <p className="small muted">{t('verify.hint')}</p>
      <label className="button">
        {t('verify.open')}
        <input type="file" accept="application/pdf,.pdf" className="visually-hidden" data-testid="verify-file" onChange={(e) => void check(e.target.files?.[0])} />
      </label>{' '}
      <label className="button">
        {t('verify.trusted.add')}
        <input type="file" accept=".pem,.crt,.cer" multiple className="visually-hidden" data-testid="verify-trusted" onChange={(e) => void addTrusted(e.target.files)} />
      </label>
      {trusted.length > 0 && <p className="small">{t('verify.trusted.count', { n: trusted.length })}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {result && v && (
        <div className={`verdict ${v.ok ? 'ok' : 'bad'}`} data-testid="verify-verdict" data-ok={v.ok} role="status">
          <p className="verdict-title">
            <strong>{v.ok ? t(v.trusted ? 'verify.ok.trusted' : 'verify.ok') : t('verify.bad')}</strong> — {result.name}
          </p>
          {v.problems.length > 0 && (
            <ul>
              {v.problems.map((p) => (
                <li key={p}>{t(problemKeys[p])}</li>
              ))}
            </ul>
          )}
          {v.ok && v.trusted === null && <p className="small">{t('verify.noTrustList')}</p>}
          {v.signer && (
            <dl className="facts">
              <dt>{t('cert.subject')}</dt>
              <dd data-testid="verify-signer">{v.signer.subject}</dd>
              <dt>{t('cert.issuer')}</dt>
              <dd>{v.signer.issuer}</dd>
              <dt>{t('verify.signingTime')}</dt>
              <dd>{v.signer.signingTime ? formatInstant(v.signer.signingTime, locale) : '—'}</dd>
              <dt>{t('cert.validity')}</dt>
              <dd>
                {validityDay(v.signer.notBefore)} → {validityDay(v.signer.notAfter)}
              </dd>
            </dl>
          )}
          <p className="mono small">SHA-256 {v.fileSha256}</p>
        </div>
      )}
    </section>
  );
}
