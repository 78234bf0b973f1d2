import { useEffect, useState } from 'react';
import { issueLine } from '@shared/report/issuer';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { href } from '../../app/router';
import { bridge } from '../../bridge/bridge';
import type { TabProps } from '../recording/tab-props';
import { useReportActions } from './mutations';
import { recordFileName } from './record-document';
import { DigitalSigners } from './digital-signers';

/** The biên bản: who issues it, an on-screen preview, the unsigned PDF, and the digital signature. */
export function ReportTab({ record, templates, locked, actions }: TabProps) {
  const { t } = useI18n();
  const report = useReportActions();
  const [preview, setPreview] = useState<{ version: string; pdf: Uint8Array; url: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [savedAs, setSavedAs] = useState<{ version: string; name: string } | null>(null);
  const i = record.inspection;
  // A preview shows one state of the record: after any change it is stale and no longer shown.
  const version = `${i.revision}/${i.updatedAt}`;
  const current = preview?.version === version ? preview : null;
  const pdf = current?.pdf ?? null;
  const url = current?.url ?? null;
  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview.url);
  }, [preview]);

  const render = async () => {
    setBusy(true);
    setError(null);
    try {
      const bytes = await report.render(record, templates);
      setPreview({ version, pdf: bytes, url: URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' })) });
      return bytes;
    } catch (e) {
      setError(describeError(e, t));
      return null;
    } finally {
      setBusy(false);
    }
  };
  const saveUnsigned = async () => {
    const bytes = pdf ?? (await render());
    if (!bytes) return;
    try {
      const result = await bridge.files.save({ suggestedName: recordFileName(record, false), filter: { name: 'PDF', extensions: ['pdf'] }, data: bytes });
      setSavedAs(result.saved ? { version, name: result.fileName } : null);
    } catch (e) {
      setError(describeError(e, t));
    }
  };

  return (
    <div className="report-tab">
      <section className="card" aria-labelledby="issue-title">
        <h2 id="issue-title">{t('report.issue.title')}</h2>
        <p data-testid="issue-preview">{issueLine(i)}</p>
        {!locked && (
          <p className="muted small">
            {t('report.issue.editOnSign')} <a href={href({ name: 'inspection', id: i.id, tab: 'sign' })}>{t('tab.sign')}</a>
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="preview-title">
        <h2 id="preview-title">{t('report.preview.title')}</h2>
        {!locked && <p className="notice">{t('report.preview.draft')}</p>}
        <div className="actions">
          <button type="button" className="button" onClick={() => void render()} disabled={busy} data-testid="report-preview">
            {busy ? t('common.working') : t('report.preview.make')}
          </button>
          <button type="button" className="button" onClick={() => void saveUnsigned()} disabled={busy} data-testid="report-save-unsigned">
            {t('report.saveUnsigned')}
          </button>
        </div>
        {error && (
          <p className="field-error" role="alert" data-testid="report-error">
            {error}
          </p>
        )}
        {savedAs?.version === version && <p className="ok-text">{t('report.savedAs', { name: savedAs.name })}</p>}
        {url && <iframe className="pdf-preview" src={url} title={t('report.preview.frame')} data-testid="report-frame" data-bytes={pdf?.length} />}
      </section>

      <SignSection record={record} templates={templates} locked={locked} actions={actions} />
    </div>
  );
}

function SignSection({ record, templates, locked }: TabProps) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="digital-title">
      <h2 id="digital-title">{t('report.sign.title')}</h2>
      <DigitalSigners record={record} templates={templates} locked={locked} />
    </section>
  );
}
