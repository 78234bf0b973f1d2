import { useEffect, useState } from 'react';
import type { InspectionRecord } from '@shared/inspection/record';
import type { Template } from '@shared/schemas';
import type { DocumentVerdict } from '@shared/pdf-signature/verdict';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { href } from '../../app/router';
import { bridge } from '../../bridge/bridge';
import { PassphraseForm } from '../signing/passphrase-form';
import { useSigningSettings, useSigningStatus } from '../signing/queries';
import { unavailableMessage } from '../signing/unavailable-message';
import { verifyStoredPdf } from '../signing/document-verdict';
import { instantToSecond } from '../signing/instant-seconds';
import { useReportActions } from './mutations';
import { useSignedReport, useTimestampJob } from './queries';
import { recordFileName } from './record-document';
import { nextSigner, signerStatuses, type SignerStatus } from './signer-status';

type Verdict = { sha256: string; verdict: DocumentVerdict } | { sha256: string; error: string };

/** The stored signed PDF's verdict, read again whenever the stored file changes. */
function useStoredVerdict(row: { sha256: string; pdf: Blob } | null | undefined): Verdict | null | undefined {
  const { t } = useI18n();
  const [verdict, setVerdict] = useState<Verdict | null>();
  useEffect(() => {
    let live = true;
    if (!row) return;
    void row.pdf.arrayBuffer().then((bytes) => {
      if (!live) return;
      try {
        setVerdict({ sha256: row.sha256, verdict: verifyStoredPdf(new Uint8Array(bytes)) });
      } catch (error) {
        setVerdict({ sha256: row.sha256, error: describeError(error, t) });
      }
    });
    return () => {
      live = false;
    };
  }, [row, t]);
  return row && verdict && verdict.sha256 !== row.sha256 ? undefined : row === null ? null : verdict;
}

/**
 * "Người ký số": the team lead, the unit's representative and (if wanted) the recorder, each signed
 * or not yet as the stored PDF says; the next one signs with their PIN or passphrase, asked each time.
 */
export function DigitalSigners({ record, templates, locked }: { record: InspectionRecord; templates: readonly Template[]; locked: boolean }) {
  const { t } = useI18n();
  const i = record.inspection;
  const signed = useSignedReport(i.id, i.revision);
  const job = useTimestampJob(i.id, i.revision);
  const verdict = useStoredVerdict(signed);
  const { status } = useSigningStatus();
  const settings = useSigningSettings(status?.available ?? false);
  const report = useReportActions();
  const [error, setError] = useState<string | null>(null);
  const [queued, setQueued] = useState(false);

  if (!locked) return <p className="muted">{t('report.sign.finalizeFirst')}</p>;
  if (signed === undefined || verdict === undefined || status === undefined) return <p className="muted">{t('common.loading')}</p>;
  if (verdict && 'error' in verdict) return <p className="field-error" role="alert">{t('report.signers.unreadable', { error: verdict.error })}</p>;
  const statuses = signerStatuses(record, verdict?.verdict ?? null);
  const next = nextSigner(statuses);

  const sign = async (who: SignerStatus, secret: string) => {
    setError(null);
    setQueued(false);
    const { pdf, basedOn } = await report.fileToSign(record, templates);
    // Main checks the file against the record, takes the signer's details from it, and adds the signature.
    const result = await bridge.signing.sign({ pdf, secret, role: who.role, suggestedName: recordFileName(record, true), record });
    const { queuedTimestamp } = await report.storeSigned(record, basedOn, result);
    setQueued(queuedTimestamp);
  };
  const saveSigned = async () => {
    if (!signed) return;
    try {
      await bridge.files.save({ suggestedName: recordFileName(record, true), filter: { name: 'PDF', extensions: ['pdf'] }, data: new Uint8Array(await signed.pdf.arrayBuffer()) });
    } catch (e) {
      setError(describeError(e, t));
    }
  };

  let form = null;
  if (next?.name) {
    if (!status.available) {
      form = (
        <p className="notice" data-testid="signing-unavailable">
          {t(unavailableMessage[status.reason])}
        </p>
      );
    } else if (settings === undefined) {
      form = <p className="muted">{t('common.loading')}</p>;
    } else if (settings?.method === 'pkcs11' && settings.pkcs11.certId) {
      form = <p className="small">{t('report.signers.with.pkcs11')}</p>;
    } else if (settings?.method === 'p12' && status.certificate) {
      form = <p className="small">{t('report.signers.with.p12', { subject: status.certificate.subject })}</p>;
    } else {
      form = (
        <p className="notice">
          {t('err.sign.noMethod')} <a href={href({ name: 'signing' })}>{t('nav.signing')}</a>
        </p>
      );
    }
  }
  const canSign = next?.name && status.available && settings && ((settings.method === 'pkcs11' && settings.pkcs11.certId) || (settings.method === 'p12' && status.certificate));

  return (
    <div data-testid="digital-signers">
      <h3>{t('report.signers.title')}</h3>
      <ol className="signers">
        {statuses.map((s) => (
          <li key={s.role} data-testid={`signer-${s.role}`} data-signed={s.signed ? 'true' : 'false'}>
            <strong>{t(`report.signers.role.${s.role}`)}</strong> {s.optional && <span className="muted small">{t('report.signers.optional')}</span>}
            {s.name && <> — {s.name}</>}
            <br />
            {s.signed ? (
              <span className={s.signed.intact ? 'ok-text' : 'field-error'}>
                {s.signed.intact ? t('report.signers.signed', { signer: s.signed.signer, at: s.signed.at ? instantToSecond(s.signed.at) : '—' }) : t('report.signers.broken')}
                {s.signed.intact && <> · {t(s.signed.timestamped ? 'report.signers.timestamped' : 'report.signers.notTimestamped')}</>}
              </span>
            ) : (
              <span className="muted">{s.name ? t('report.signers.notYet') : t('report.signers.noName')}</span>
            )}
          </li>
        ))}
      </ol>
      {queued && (
        <p className="notice" role="status" data-testid="timestamp-queued">
          {t('report.signers.queued')}
        </p>
      )}
      {job && !queued && (
        <p className="small muted" data-testid="timestamp-waiting">
          {t('report.signers.waiting', { n: job.attempts })}
        </p>
      )}
      {!next && <p className="ok-text">{t('report.signers.allSigned')}</p>}
      {form}
      {canSign && next && next.name && (
        <PassphraseForm
          key={next.role}
          kind={settings.method === 'pkcs11' ? 'pin' : 'passphrase'}
          submitLabel={t('report.signers.signAs', { role: t(`report.signers.role.${next.role}`), name: next.name })}
          onSubmit={(secret) => sign(next, secret)}
          testId="sign-form"
        />
      )}
      {signed && (
        <p>
          <span className="mono small">SHA-256 {signed.sha256}</span>{' '}
          <button type="button" className="button" onClick={() => void saveSigned()}>
            {t('report.sign.saveCopy')}
          </button>
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
