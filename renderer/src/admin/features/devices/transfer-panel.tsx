import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import type { AdminDevice } from '@shared/admin/admin-api';
import type { ConfirmRequest } from '../../../app/confirm-dialog';
import { ErrorLine } from '../../components/error-line';
import { useAdminI18n } from '../../i18n/admin-i18n';
import { transfer } from './mutations';
import { useTransferTargets } from './queries';

const transferFormSchema = z
  .object({ what: z.enum(['all', 'one']), inspection: z.string().trim().max(64), to: z.string().min(1, 'err.transfer.to').max(64) })
  .refine((v) => v.what === 'all' || z.uuid().safeParse(v.inspection).success, { path: ['inspection'], message: 'err.transfer.inspection' });
type TransferValues = z.infer<typeof transferFormSchema>;

/** Hands one inspection, or all of a device's records, to another active inspector's device — after asking. */
export function TransferPanel({ from, ask, onDone, onClose }: { from: AdminDevice; ask: (request: ConfirmRequest) => Promise<boolean>; onDone: (message: string) => void; onClose: () => void }) {
  const { t, tError } = useAdminI18n();
  const [find, setFind] = useState('');
  const [error, setError] = useState<unknown>(null);
  const targets = useTransferTargets(find.trim());
  const choices = (targets.data ?? []).filter((d) => d.id !== from.id);
  const { register, handleSubmit, formState, control } = useForm<TransferValues>({ resolver: zodResolver(transferFormSchema), defaultValues: { what: 'all', inspection: '', to: '' } });
  const what = useWatch({ control, name: 'what' });
  const submit = handleSubmit(async (values) => {
    setError(null);
    const to = choices.find((d) => d.id === values.to);
    const toName = to?.name ?? values.to;
    const message: ReactNode = values.what === 'all' ? t('transfer.confirm.all', { from: from.name, to: toName }) : t('transfer.confirm.one', { id: values.inspection, to: toName });
    if (!(await ask({ title: t('transfer.confirm.title'), message, confirmLabel: t('transfer.confirm.button') }))) return;
    try {
      const result = await transfer(values.what === 'all' ? { from: from.id, to: values.to } : { inspection: values.inspection, to: values.to });
      onDone(t('transfer.done', { n: result.moved, to: result.toName }));
    } catch (e) {
      setError(e);
    }
  });
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="transfer-title" data-testid="transfer-form">
      <h2 id="transfer-title">{t('transfer.title', { name: from.name })}</h2>
      <p className="small muted">{t('transfer.hint')}</p>
      <fieldset className="plain-fieldset">
        <legend>{t('transfer.what')}</legend>
        <label className="check">
          <input type="radio" value="all" {...register('what')} /> {t('transfer.all', { n: from.inspections })}
        </label>
        <label className="check">
          <input type="radio" value="one" {...register('what')} /> {t('transfer.one')}
        </label>
      </fieldset>
      <div className="grid-2">
        {what === 'one' && (
          <label>
            {t('transfer.inspection')}
            <input {...register('inspection')} className="mono" maxLength={64} aria-invalid={formState.errors.inspection ? true : undefined} />
            {formState.errors.inspection && <span className="field-error">{tError(formState.errors.inspection.message)}</span>}
          </label>
        )}
        <label>
          {t('transfer.findTo')}
          <input type="search" value={find} onChange={(e) => setFind(e.target.value)} maxLength={100} />
        </label>
        <label>
          {t('transfer.to')}
          <select {...register('to')} aria-invalid={formState.errors.to ? true : undefined}>
            <option value="">{choices.length === 0 && !targets.loading ? t('transfer.noTargets') : t('transfer.pickTo')}</option>
            {choices.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          {formState.errors.to && <span className="field-error">{tError(formState.errors.to.message)}</span>}
        </label>
      </div>
      <ErrorLine error={error ?? targets.error} />
      <div className="actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('common.working') : t('transfer.submit')}
        </button>
      </div>
    </form>
  );
}
