import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { useExportInspection } from './mutations';

export function ExportButton({ id }: { id: string }) {
  const { t } = useI18n();
  const exportInspection = useExportInspection();
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <span>
      <button
        type="button"
        className="button"
        disabled={busy}
        data-testid="export"
        onClick={() => {
          setBusy(true);
          setStatus(null);
          exportInspection(id)
            .then((r) => setStatus(r.saved ? t('export.done', { file: r.fileName ?? '' }) : t('export.cancelled')))
            .catch((e: unknown) => setStatus(t('export.failed', { reason: describeError(e, t) })))
            .finally(() => setBusy(false));
        }}
      >
        {t('export.button')}
      </button>{' '}
      {status && (
        <span className="small" role="status" data-testid="export-status">
          {status}
        </span>
      )}
    </span>
  );
}
