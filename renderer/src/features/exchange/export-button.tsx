import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { FieldError } from '../inspections/field-error';
import { exportFormSchema, type ExportFormValues } from './backup-passphrase';
import { useExportInspection } from './mutations';

export function ExportButton({ id }: { id: string }) {
  const { t, tError } = useI18n();
  const exportInspection = useExportInspection();
  const [status, setStatus] = useState<string | null>(null);
  const { register, handleSubmit, control, reset, formState } = useForm<ExportFormValues>({
    resolver: zodResolver(exportFormSchema),
    defaultValues: { protect: false, passphrase: '', confirm: '' },
  });
  const protect = useWatch({ control, name: 'protect' });
  const submit = handleSubmit(async (values) => {
    setStatus(null);
    try {
      const r = await exportInspection(id, values.protect ? values.passphrase : undefined);
      setStatus(r.saved ? t('export.done', { file: r.fileName ?? '' }) : t('export.cancelled'));
    } catch (e) {
      setStatus(t('export.failed', { reason: describeError(e, t) }));
    } finally {
      reset({ protect: values.protect, passphrase: '', confirm: '' });
    }
  });
  return (
    <form onSubmit={submit} className="export-form" noValidate autoComplete="off">
      <label className="small">
        <input type="checkbox" {...register('protect')} data-testid="export-protect" /> {t('export.protect')}
      </label>
      {protect && (
        <span className="export-passphrase">
          <label className="field">
            {t('export.passphrase')}
            <input type="password" autoComplete="off" {...register('passphrase')} aria-invalid={!!formState.errors.passphrase} data-testid="export-passphrase" />
          </label>
          <FieldError message={tError(formState.errors.passphrase?.message)} />
          <label className="field">
            {t('export.passphraseAgain')}
            <input type="password" autoComplete="off" {...register('confirm')} aria-invalid={!!formState.errors.confirm} data-testid="export-confirm" />
          </label>
          <FieldError message={tError(formState.errors.confirm?.message)} />
          <span className="field-hint">{t('export.protectHint')}</span>
        </span>
      )}
      <button type="submit" className="button" disabled={formState.isSubmitting} data-testid="export">
        {t('export.button')}
      </button>{' '}
      {status && (
        <span className="small" role="status" data-testid="export-status">
          {status}
        </span>
      )}
    </form>
  );
}
