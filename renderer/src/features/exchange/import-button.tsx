import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { useImportInspection } from './mutations';

export function ImportButton() {
  const { t } = useI18n();
  const importInspection = useImportInspection();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <span>
      <label className="button">
        {t('import.button')}
        <input
          type="file"
          accept=".zip,application/zip"
          hidden
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            setStatus(null);
            importInspection(file)
              .then((s) =>
                setStatus({
                  ok: true,
                  text: s.added.length > 0 ? t('import.added', { unit: s.unitName, n: s.added.length }) : t('import.unchanged', { unit: s.unitName }),
                }),
              )
              .catch((err: unknown) => setStatus({ ok: false, text: t('import.failed', { file: file.name, reason: describeError(err, t) }) }));
          }}
        />
      </label>
      {status && (
        <p className={status.ok ? 'small' : 'alert'} role="status" data-testid="import-status">
          {status.text}
        </p>
      )}
    </span>
  );
}
