import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { FieldError } from '../inspections/field-error';

const schemas = {
  passphrase: z.object({ passphrase: z.string().min(1, 'err.sign.passphraseRequired').max(1024, 'err.tooLong') }),
  pin: z.object({ passphrase: z.string().min(1, 'err.sign.pinRequired').max(1024, 'err.tooLong') }),
};

/**
 * Asks for the certificate's passphrase (or the token's PIN) for one action; the field is cleared
 * whatever happens, and the browser is told not to remember it.
 */
export function PassphraseForm({
  submitLabel,
  onSubmit,
  testId,
  kind = 'passphrase',
}: {
  submitLabel: string;
  onSubmit: (passphrase: string) => Promise<unknown>;
  testId: string;
  kind?: 'passphrase' | 'pin';
}) {
  const { t, tError } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, reset, formState } = useForm<{ passphrase: string }>({ resolver: zodResolver(schemas[kind]), defaultValues: { passphrase: '' } });
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
        {t(kind === 'pin' ? 'sign.pin' : 'sign.passphrase')}
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
