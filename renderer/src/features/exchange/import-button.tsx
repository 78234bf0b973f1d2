import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { FieldError } from '../inspections/field-error';
import type { ImportSummary } from './export-import';
import { importPassphraseSchema, type ImportPassphraseValues } from './backup-passphrase';
import { BackupNeedsPassphrase, useImportInspection } from './mutations';

export function ImportButton() {
  const { t, tError } = useI18n();
  const importInspection = useImportInspection();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  // A protected backup waits here for its passphrase.
  const [locked, setLocked] = useState<File | null>(null);
  const { register, handleSubmit, reset, formState } = useForm<ImportPassphraseValues>({ resolver: zodResolver(importPassphraseSchema), defaultValues: { passphrase: '' } });
  const done = (s: ImportSummary) =>
    setStatus({ ok: true, text: s.added.length > 0 ? t('import.added', { unit: s.unitName, n: s.added.length }) : t('import.unchanged', { unit: s.unitName }) });
  const failed = (file: File, err: unknown) => setStatus({ ok: false, text: t('import.failed', { file: file.name, reason: describeError(err, t) }) });
  const unlock = handleSubmit(async ({ passphrase }) => {
    if (!locked) return;
    setStatus(null);
    try {
      done(await importInspection(locked, passphrase));
      setLocked(null);
    } catch (err) {
      failed(locked, err);
    } finally {
      reset({ passphrase: '' });
    }
  });
  return (
    <span>
      <label className="button">
        {t('import.button')}
        <input
          type="file"
          accept=".zip,.cvbk,application/zip"
          hidden
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            setStatus(null);
            setLocked(null);
            importInspection(file)
              .then(done)
              .catch((err: unknown) => (err instanceof BackupNeedsPassphrase ? setLocked(file) : failed(file, err)));
          }}
        />
      </label>
      {locked && (
        <form onSubmit={unlock} className="inline-form" noValidate autoComplete="off" data-testid="import-passphrase-form">
          <p className="small">{t('import.passphrasePrompt', { file: locked.name })}</p>
          <label>
            {t('import.passphrase')}
            <input type="password" autoComplete="off" autoFocus {...register('passphrase')} aria-invalid={!!formState.errors.passphrase} data-testid="import-passphrase" />
          </label>
          <FieldError message={tError(formState.errors.passphrase?.message)} />
          <button type="submit" className="button primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t('common.working') : t('import.open')}
          </button>
        </form>
      )}
      {status && (
        <p className={status.ok ? 'small' : 'alert'} role="status" data-testid="import-status">
          {status.text}
        </p>
      )}
    </span>
  );
}
