import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { tsaUrlSchema, type SigningSettings } from '@shared/ipc/signing-schemas';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { bridge } from '../../bridge/bridge';
import { FieldError } from '../inspections/field-error';

const schema = z.object({ tsaUrl: z.union([z.literal(''), tsaUrlSchema]) });

/** The time-stamping authority's address; empty means signatures are not time-stamped. */
export function TsaForm({ settings, onChange }: { settings: SigningSettings; onChange: (s: SigningSettings) => void }) {
  const { t, tError } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, formState } = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { tsaUrl: settings.tsaUrl ?? '' } });
  const submit = handleSubmit(async ({ tsaUrl }) => {
    setError(null);
    setSaved(false);
    try {
      const { tokenSerial, tokenLabel, certId } = settings.pkcs11;
      onChange(await bridge.signing.setSettings({ method: settings.method, token: { tokenSerial, tokenLabel, certId }, tsaUrl: tsaUrl.trim() || null }));
      setSaved(true);
    } catch (e) {
      setError(describeError(e, t));
    }
  });
  return (
    <form onSubmit={submit} className="inline-form" data-testid="tsa-form" noValidate>
      <label>
        {t('tsa.url')}
        <input type="url" inputMode="url" maxLength={500} placeholder="http://tsa.example.vn/tsa" {...register('tsaUrl')} aria-invalid={!!formState.errors.tsaUrl} />
      </label>
      <FieldError message={tError(formState.errors.tsaUrl?.message)} />
      <button type="submit" className="button" disabled={formState.isSubmitting}>
        {t('tsa.save')}
      </button>
      <p className="small muted">{t('tsa.hint')}</p>
      {saved && <p className="ok-text small">{t('tsa.saved')}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
