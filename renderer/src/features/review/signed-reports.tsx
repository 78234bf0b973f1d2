import { asLocalIso } from '@shared/time/local-iso';
import { vnDate, vnTime } from '@shared/report/vn-date';
import type { ReportSigner } from '@shared/sync/protocol';
import type { ReviewReportRow } from './queries';
import { useI18n, type Translate } from '../../i18n/i18n';
import { importProblemKey, problemSignature, reportStateKey, signerRoleKey } from './review-labels';
import { reportSigners } from './report-order';

/** "23/11/2026 10:15:42" at this device's clock, whatever the locale. */
const instant = (iso: string) => {
  const local = asLocalIso(iso);
  return `${vnDate(local)} ${vnTime(local, { seconds: true })}`;
};

function timeText(t: Translate, signer: ReportSigner): string {
  if (signer.timestamp) return t('verify.timestamped', { time: instant(signer.timestamp) });
  if (signer.claimedTime) return t('verify.notTimestamped', { time: instant(signer.claimedTime) });
  return t('review.signer.noTime');
}

function problemText(t: Translate, problem: string): string {
  const n = problemSignature(problem);
  return n === null ? t(importProblemKey(problem)) : t(importProblemKey(problem), { n });
}

function SignerLine({ signer, hub }: { signer: ReportSigner; hub: ReportSigner | undefined }) {
  const { t } = useI18n();
  // This app has no trust folder: its own verdict is 'unknown', and the hub's, if it had one, is shown beside it.
  const hubTrust = hub && hub.trust !== 'unknown' && hub.trust !== signer.trust ? hub.trust : null;
  return (
    <li data-testid="review-signer" data-trust={signer.trust} data-hub-trust={hub?.trust ?? ''}>
      <strong>{t(signerRoleKey(signer.kind, signer.role))}</strong>: {signer.commonName || '—'}
      <div className="signer-details">
        <span className={signer.intact ? 'ok-text' : 'bad-text'}>{t(signer.intact ? 'verify.intact' : 'verify.broken')}</span> · {t(`verify.trust.${signer.trust}`)}
        {hubTrust && <span className={hubTrust === 'trusted' ? 'ok-text' : 'bad-text'}> ({t('review.signer.hubVerdict', { verdict: t(`verify.trust.${hubTrust}`) })})</span>} · {timeText(t, signer)}
      </div>
    </li>
  );
}

/**
 * The signed PDFs of one revision, the one with the most signatures first (the newest: each further
 * signer signs the file the one before them signed), each with every signer in signing order.
 */
export function SignedReports({ reports, onSave }: { reports: readonly ReviewReportRow[]; onSave: (sha256: string) => void }) {
  const { t } = useI18n();
  return (
    <ul data-testid="review-reports" className="plain-list">
      {reports.map((r) => {
        const signers = reportSigners(r);
        const hubByIndex = new Map((r.signers ?? []).map((s) => [s.index, s]));
        const count = signers.filter((s) => s.kind === 'signature').length;
        return (
          <li key={r.sha256} data-testid="review-report" data-state={r.state}>
            <p>
              {t(reportStateKey(r.state))} — {signers.length > 0 ? t('review.report.signatureCount', { n: count }) : r.signer}{' '}
              {r.state !== 'unchecked' && (
                <button type="button" className="small-button" onClick={() => onSave(r.sha256)}>
                  {t('review.report.save')}
                </button>
              )}
            </p>
            {r.untrustedSigner && (
              <p className="alert" role="alert" data-testid="review-hub-untrusted">
                {t('review.report.hubUntrusted')}
              </p>
            )}
            {r.problems.length > 0 && <p className="alert">{r.problems.map((p) => problemText(t, p)).join('; ')}</p>}
            {signers.length > 0 && (
              <ol data-testid="review-signers">
                {signers.map((s) => (
                  <SignerLine key={s.index} signer={s} hub={hubByIndex.get(s.index)} />
                ))}
              </ol>
            )}
          </li>
        );
      })}
    </ul>
  );
}
