import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { assignmentRequestSchema } from '@shared/admin/admin-api';
import { DateField } from '../../../inputs/date-field';
import { ErrorLine } from '../../components/error-line';
import { useAdminI18n } from '../../i18n/admin-i18n';
import { createAssignment } from './mutations';

const formSchema = assignmentRequestSchema
  .extend({ unitCode: z.string().trim().regex(/^[0-9A-Za-z._-]{1,20}$/, 'err.unit.code') })
  .refine((v) => v.to >= v.from, { path: ['to'], message: 'err.assignment.order' });
type FormInput = z.input<typeof formSchema>;
type FormOutput = z.output<typeof formSchema>;

export function AssignmentForm({ onCreated }: { onCreated: (message: string) => void }) {
  const { t, tError } = useAdminI18n();
  const [error, setError] = useState<unknown>(null);
  const { register, handleSubmit, formState, control, reset } = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(formSchema), defaultValues: { unitCode: '', from: '', to: '', team: '', note: '' } });
  const errors = formState.errors;
  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      await createAssignment(values);
      reset();
      onCreated(t('assignments.created', { unit: values.unitCode }));
    } catch (e) {
      setError(e);
    }
  });
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="assignment-new-title" data-testid="assignment-form">
      <h2 id="assignment-new-title">{t('assignments.new')}</h2>
      <div className="grid-2">
        <label>
          {t('assignments.unit')}
          <input {...register('unitCode')} maxLength={20} className="mono" aria-invalid={errors.unitCode ? true : undefined} />
          {errors.unitCode && <span className="field-error">{tError(errors.unitCode.message)}</span>}
        </label>
        <label>
          {t('assignments.team')}
          <input {...register('team')} maxLength={200} aria-invalid={errors.team ? true : undefined} />
          {errors.team && <span className="field-error">{tError(errors.team.message)}</span>}
        </label>
        <label>
          {t('assignments.from')}
          <DateField control={control} name="from" kind="date" aria-label={t('assignments.from')} required error={tError(errors.from?.message)} />
        </label>
        <label>
          {t('assignments.to')}
          <DateField control={control} name="to" kind="date" aria-label={t('assignments.to')} required error={tError(errors.to?.message)} />
        </label>
        <label>
          {t('assignments.note')}
          <input {...register('note')} maxLength={200} aria-invalid={errors.note ? true : undefined} />
          {errors.note && <span className="field-error">{tError(errors.note.message)}</span>}
        </label>
      </div>
      <ErrorLine error={error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('common.working') : t('assignments.create')}
        </button>
      </div>
    </form>
  );
}
