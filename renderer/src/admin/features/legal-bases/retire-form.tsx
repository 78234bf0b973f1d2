import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { isoDateSchema, type LegalBasis } from '@shared/schemas';
import { DateField } from '../../../inputs/date-field';
import { useAdminI18n } from '../../i18n/admin-i18n';

const retireSchema = z.object({ effectiveTo: isoDateSchema });
type RetireValues = z.infer<typeof retireSchema>;

/** The last day a basis is in force, asked for in the list's row; the page asks before recording it. */
export function RetireForm({ basis, onRetire, onCancel }: { basis: LegalBasis; onRetire: (day: string) => Promise<void>; onCancel: () => void }) {
  const { t, tError } = useAdminI18n();
  const { handleSubmit, formState, control } = useForm<RetireValues>({ resolver: zodResolver(retireSchema), defaultValues: { effectiveTo: '' } });
  const submit = handleSubmit((values) => onRetire(values.effectiveTo));
  return (
    <form className="inline-form" onSubmit={submit} noValidate data-testid={`retire-${basis.id}`}>
      <label className="field">
        {t('legal.retire.lastDay')}
        <DateField control={control} name="effectiveTo" kind="date" aria-label={t('legal.retire.lastDay')} required error={tError(formState.errors.effectiveTo?.message)} />
      </label>
      <button type="submit" className="button danger small-button" disabled={formState.isSubmitting}>
        {t('legal.retire.submit')}
      </button>
      <button type="button" className="button small-button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
