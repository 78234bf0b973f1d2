import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { STORAGE_PASSPHRASE_MIN } from '@shared/ipc/storage-key-schemas';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/vi';
import { FieldError } from '../inspections/field-error';
import type { DataKeyOutcome } from './data-key';

type Mode = 'passphrase-required' | 'passphrase-new';
type Opened = Extract<DataKeyOutcome, { ok: true }>;

const passphrase = z.string().min(1, 'err.unlock.required').max(1024, 'err.tooLong');
const unlockSchema = z.object({ passphrase, confirm: z.string().max(1024, 'err.tooLong') });
const newSchema = z
  .object({ passphrase: passphrase.min(STORAGE_PASSPHRASE_MIN, 'err.unlock.weak'), confirm: z.string().max(1024, 'err.tooLong') })
  .refine((v) => v.passphrase === v.confirm, { path: ['confirm'], message: 'err.unlock.mismatch' });
type Values = z.infer<typeof unlockSchema>;

const answerMessages: Record<string, MessageKey> = { 'wrong-passphrase': 'err.unlock.wrong', 'weak-passphrase': 'err.unlock.weak' };

/**
 * Shown before the app when main's data key needs the app passphrase (no usable OS keyring):
 * asked once to open, twice to set a new one. A damaged key file is said as it is, with no form.
 */
export function UnlockScreen({ mode, damaged, unlock, onOpened }: { mode: Mode; damaged: boolean; unlock: (passphrase: string) => Promise<DataKeyOutcome>; onOpened: (opened: Opened) => void }) {
  const { t, tError } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<Mode>(mode);
  const [broken, setBroken] = useState(damaged);
  const { register, handleSubmit, reset, formState } = useForm<Values>({
    resolver: zodResolver(current === 'passphrase-new' ? newSchema : unlockSchema),
    defaultValues: { passphrase: '', confirm: '' },
  });
  const submit = handleSubmit(async (values) => {
    setError(null);
    try {
      const outcome = await unlock(values.passphrase);
      if (outcome.ok) return onOpened(outcome);
      if (outcome.code === 'key-file-damaged') setBroken(true);
      else if (outcome.code === 'passphrase-required' || outcome.code === 'passphrase-new') setCurrent(outcome.code);
      else setError(t(answerMessages[outcome.code]!));
    } catch (e) {
      setError(t('unlock.failed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      reset({ passphrase: '', confirm: '' });
    }
  });
  return (
    <main className="content unlock" data-testid="unlock-screen">
      <h1>{t('unlock.title')}</h1>
      {broken ? (
        <p className="field-error" role="alert" data-testid="unlock-damaged">
          {t('unlock.damaged')}
        </p>
      ) : (
        <form onSubmit={submit} className="form" noValidate autoComplete="off">
          <p>{t(current === 'passphrase-new' ? 'unlock.intro.new' : 'unlock.intro.required')}</p>
          <label className="field">
            {t('unlock.passphrase')}
            <input type="password" autoComplete="off" autoFocus {...register('passphrase')} aria-invalid={!!formState.errors.passphrase} data-testid="unlock-passphrase" />
          </label>
          <FieldError message={tError(formState.errors.passphrase?.message)} />
          {current === 'passphrase-new' && (
            <>
              <label className="field">
                {t('unlock.confirm')}
                <input type="password" autoComplete="off" {...register('confirm')} aria-invalid={!!formState.errors.confirm} data-testid="unlock-confirm" />
              </label>
              <FieldError message={tError(formState.errors.confirm?.message)} />
            </>
          )}
          <button type="submit" className="button primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t('common.working') : t(current === 'passphrase-new' ? 'unlock.create' : 'unlock.submit')}
          </button>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </main>
  );
}
