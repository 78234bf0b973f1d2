import { useEffect, useState } from 'react';
import type { InstalledModule, SigningSettings, TokenInfo } from '@shared/ipc/signing-schemas';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { bridge } from '../../bridge/bridge';
import { validityDay } from './validity-day';

/**
 * The USB token: its driver library (one of the known ones found here, or a file the user picks
 * in main's dialog), then the token and the certificate on it to sign with.
 */
export function TokenPanel({ settings, onChange }: { settings: SigningSettings; onChange: (s: SigningSettings) => void }) {
  const { t } = useI18n();
  const [modules, setModules] = useState<InstalledModule[] | null>(null);
  const [tokens, setTokens] = useState<TokenInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const modulePath = settings.pkcs11.modulePath;

  useEffect(() => {
    let live = true;
    void bridge.signing.modules().then(
      (m) => live && setModules(m),
      (e: unknown) => live && (setModules([]), setError(describeError(e, t))),
    );
    return () => {
      live = false;
    };
  }, [t]);

  const choose = async (known: string | null) => {
    setError(null);
    setTokens(null);
    try {
      const result = await bridge.signing.chooseModule(known);
      if (result.chosen) onChange(result.settings);
    } catch (e) {
      setError(describeError(e, t));
    }
  };
  const readTokens = async () => {
    setError(null);
    setBusy(true);
    try {
      const found = await bridge.signing.tokens();
      setTokens(found);
      if (found.length === 0) setError(t('err.sign.noToken'));
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };
  const pick = async (token: TokenInfo, certId: string) => {
    setError(null);
    try {
      onChange(await bridge.signing.setSettings({ method: 'pkcs11', token: { tokenSerial: token.serial, tokenLabel: token.label, certId }, tsaUrl: settings.tsaUrl }));
    } catch (e) {
      setError(describeError(e, t));
    }
  };

  return (
    <div data-testid="token-panel">
      <h3>{t('token.library')}</h3>
      {modules === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <ul className="plain-list" data-testid="token-modules">
          {modules.map((m) => (
            <li key={m.path}>
              <label>
                <input type="radio" name="pkcs11-module" checked={modulePath === m.path} onChange={() => void choose(m.path)} /> {m.name}{' '}
                <span className="mono small">{m.path}</span>
              </label>
            </li>
          ))}
          {modules.length === 0 && <li className="muted">{t('token.noKnownLibrary')}</li>}
        </ul>
      )}
      <button type="button" className="button" onClick={() => void choose(null)} data-testid="token-choose-file">
        {t('token.chooseFile')}
      </button>
      {modulePath && (
        <p className="small">
          {t('token.current')} <span className="mono" data-testid="token-module-path">{modulePath}</span>
        </p>
      )}
      {modulePath && (
        <>
          <h3>{t('token.tokens')}</h3>
          <button type="button" className="button" onClick={() => void readTokens()} disabled={busy} data-testid="token-read">
            {busy ? t('common.working') : t('token.read')}
          </button>
          {tokens?.map((token) => (
            <fieldset key={`${token.slotIndex}-${token.serial}`} className="token" data-testid="token">
              <legend>
                {token.label} · {token.manufacturer} {token.model} · {t('token.serial')} {token.serial}
              </legend>
              {token.certificates.length === 0 && <p className="muted">{t('err.sign.noSigningCertificate')}</p>}
              {token.certificates.map((c) => (
                <label key={c.id} className="token-certificate">
                  <input
                    type="radio"
                    name="token-certificate"
                    disabled={!c.canSign}
                    checked={settings.pkcs11.certId === c.id && settings.pkcs11.tokenSerial === token.serial}
                    onChange={() => void pick(token, c.id)}
                  />{' '}
                  <strong>{c.summary.subject}</strong>
                  <br />
                  <span className="small">
                    {t('cert.issuer')}: {c.summary.issuer} · {t('cert.validity')}: {validityDay(c.summary.notBefore)} → {validityDay(c.summary.notAfter)} ·{' '}
                    {t(c.canSign ? 'token.canSign' : 'token.cannotSign')}
                  </span>
                </label>
              ))}
            </fieldset>
          ))}
        </>
      )}
      {settings.pkcs11.certId && (
        <p className="ok-text small" data-testid="token-chosen">
          {t('token.chosen', { label: settings.pkcs11.tokenLabel ?? '—', serial: settings.pkcs11.tokenSerial ?? '—' })}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
