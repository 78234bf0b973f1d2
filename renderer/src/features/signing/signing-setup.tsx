import { useState, type ReactNode } from 'react';
import type { SigningSettings } from '@shared/ipc/signing-schemas';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { bridge } from '../../bridge/bridge';
import { useSigningSettings } from './queries';
import { TokenPanel } from './token-panel';
import { TsaForm } from './tsa-form';
import { TrustPanel } from './trust-panel';

/**
 * How this computer signs (a .p12 file, shown by the certificate panel, or a USB token), the
 * time-stamping server, and the trust folder. Desktop only: main keeps all of it.
 */
export function SigningSetup({ certificatePanel }: { certificatePanel: ReactNode }) {
  const { t } = useI18n();
  const fetched = useSigningSettings(true);
  const [changed, setChanged] = useState<SigningSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const settings = changed ?? fetched;
  if (settings === undefined) return <p className="muted">{t('common.loading')}</p>;
  if (settings === null) return null;

  const setMethod = async (method: SigningSettings['method']) => {
    setError(null);
    try {
      const { tokenSerial, tokenLabel, certId } = settings.pkcs11;
      setChanged(await bridge.signing.setSettings({ method, token: { tokenSerial, tokenLabel, certId }, tsaUrl: settings.tsaUrl }));
    } catch (e) {
      setError(describeError(e, t));
    }
  };

  return (
    <>
      <section className="card" aria-labelledby="method-title" data-testid="signing-method">
        <h2 id="method-title">{t('method.title')}</h2>
        <div role="radiogroup" aria-labelledby="method-title">
          <label>
            <input type="radio" name="signing-method" checked={settings.method === 'p12'} onChange={() => void setMethod('p12')} data-testid="method-p12" /> {t('method.p12')}
          </label>{' '}
          <label>
            <input type="radio" name="signing-method" checked={settings.method === 'pkcs11'} onChange={() => void setMethod('pkcs11')} data-testid="method-pkcs11" /> {t('method.pkcs11')}
          </label>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {settings.method === 'pkcs11' && <TokenPanel settings={settings} onChange={setChanged} />}
      </section>
      {settings.method === 'p12' && certificatePanel}
      <section className="card" aria-labelledby="tsa-title">
        <h2 id="tsa-title">{t('tsa.title')}</h2>
        <TsaForm settings={settings} onChange={setChanged} />
      </section>
      <TrustPanel />
    </>
  );
}
