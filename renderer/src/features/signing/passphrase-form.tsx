import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { FieldError } from '../inspections/field-error';

const schema = z.object({ passphrase: z.string().min(1, 'err.sign.passphraseRequired').max(1024, 'err.tooLong') });

/** Asks for the certificate's passphrase for one action; the field is cleared whatever happens. */
export function PassphraseForm({ submitLabel, onSubmit, testId }: { submitLabel: string; onSubmit: (passphrase: string) => Promise<unknown>; testId: string }) {
  const { t, tError } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, reset, formState } = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { passphrase: '' } });
  const submit = handleSubmit(async ({ passphrase }) => {
    setError(null);
    try {
      await onSubmit(passphrase);
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      reset({ passphrase: '' });
    }
  });
  return (
    <form onSubmit={submit} className="inline-form" data-testid={testId} noValidate>
      <label>
        {t('sign.passphrase')}
        <input type="password" autoComplete="off" {...register('passphrase')} aria-invalid={!!formState.errors.passphrase} />
      </label>
      <FieldError message={tError(formState.errors.passphrase?.message)} />
      <button type="submit" className="button primary" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t('common.working') : submitLabel}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
