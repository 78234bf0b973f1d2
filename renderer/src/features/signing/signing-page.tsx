import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { bridge } from '../../bridge/bridge';
import { PassphraseForm } from './passphrase-form';
import { useSigningStatus } from './queries';
import { unavailableMessage } from './unavailable-message';
import { SigningSetup } from './signing-setup';
import { VerifyPanel } from './verify-panel';
import { validityDay } from './validity-day';

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
