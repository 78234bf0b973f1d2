import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { isoDateSchema } from '@shared/schemas';
import { formatBytes } from '../../../app/format';
import { DateField } from '../../../inputs/date-field';
import { ErrorLine } from '../../components/error-line';
import { useAdminI18n } from '../../i18n/admin-i18n';
import { downloadExport } from './mutations';

const optionalDay = z.union([z.literal(''), isoDateSchema]);
const formSchema = z
  .object({
    format: z.enum(['xlsx', 'csv', 'pdf']),
    from: optionalDay,
    to: optionalDay,
    unit: z.union([z.literal(''), z.string().trim().regex(/^[0-9A-Za-z._-]{1,20}$/, 'err.unit.code')]),
    template: z.string().trim().max(10, 'err.tooLong'),
    team: z.string().trim().max(200, 'err.tooLong'),
  })
  .refine((v) => v.from === '' || v.to === '' || v.from <= v.to, { path: ['to'], message: 'err.assignment.order' });
type FormValues = z.infer<typeof formSchema>;

export function ExportsPage() {
  const { t, tError, locale } = useAdminI18n();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const { register, handleSubmit, formState, control } = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: { format: 'xlsx', from: '', to: '', unit: '', template: '', team: '' } });
  const errors = formState.errors;
  const submit = handleSubmit(async (v) => {
    setError(null);
    setDone(null);
    try {
      const file = await downloadExport({ format: v.format, from: v.from || undefined, to: v.to || undefined, unit: v.unit || undefined, template: v.template || undefined, team: v.team || undefined });
      setDone(t('exports.done', { file: file.fileName, size: formatBytes(file.bytes, locale) }));
    } catch (e) {
      setError(e);
    }
  });
  return (
    <section aria-labelledby="exports-title">
      <div className="page-head">
        <h1 id="exports-title">{t('exports.title')}</h1>
      </div>
      <form className="card" onSubmit={submit} noValidate data-testid="exports-form">
        <p className="small muted">{t('exports.hint')}</p>
        <fieldset className="plain-fieldset">
          <legend>{t('exports.format')}</legend>
          <div className="checks horizontal">
            {(['xlsx', 'csv', 'pdf'] as const).map((format) => (
              <label key={format} className="check">
                <input type="radio" value={format} {...register('format')} /> {t(`exports.format.${format}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid-2">
          <label>
            {t('exports.from')}
            <DateField control={control} name="from" kind="date" aria-label={t('exports.from')} error={tError(errors.from?.message)} />
          </label>
          <label>
            {t('exports.to')}
            <DateField control={control} name="to" kind="date" aria-label={t('exports.to')} error={tError(errors.to?.message)} />
          </label>
          <label>
            {t('exports.unit')}
            <input {...register('unit')} className="mono" maxLength={20} aria-invalid={errors.unit ? true : undefined} />
            {errors.unit && <span className="field-error">{tError(errors.unit.message)}</span>}
          </label>
          <label>
            {t('exports.template')}
            <input {...register('template')} className="mono" maxLength={10} aria-invalid={errors.template ? true : undefined} />
            {errors.template && <span className="field-error">{tError(errors.template.message)}</span>}
          </label>
          <label>
            {t('exports.team')}
            <input {...register('team')} maxLength={200} aria-invalid={errors.team ? true : undefined} />
            {errors.team && <span className="field-error">{tError(errors.team.message)}</span>}
          </label>
        </div>
        <ErrorLine error={error} />
        {done && (
          <p className="notice" role="status" data-testid="export-done">
            {done}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t('common.working') : t('exports.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
