import { useCallback, useEffect, useState } from 'react';
import type { TrustedRoot } from '@shared/ipc/signing-schemas';
import { useI18n } from '../../i18n/i18n';
import { describeError } from '../../app/describe-error';
import { useConfirm } from '../../app/confirm-dialog';
import { bridge } from '../../bridge/bridge';
import { validityDay } from './validity-day';

/** The trust folder: the root certificates signers are checked against; added and removed here, kept by main. */
export function TrustPanel() {
  const { t } = useI18n();
  const [roots, setRoots] = useState<TrustedRoot[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, confirm] = useConfirm();
  const reload = useCallback(() => bridge.signing.trusted().then(setRoots, (e: unknown) => setError(describeError(e, t))), [t]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const add = async () => {
    setError(null);
    try {
      const { refused } = await bridge.signing.addTrusted();
      if (refused.length > 0) setError(t('trust.refused', { names: refused.join(', ') }));
      await reload();
    } catch (e) {
      setError(describeError(e, t));
    }
  };
  const remove = async (root: TrustedRoot) => {
    const ok = await confirm({ title: t('trust.removeTitle'), message: t('trust.removeConfirm', { subject: root.summary.subject }), confirmLabel: t('trust.remove'), danger: true });
    if (!ok) return;
    try {
      await bridge.signing.removeTrusted(root.fileName);
      await reload();
    } catch (e) {
      setError(describeError(e, t));
    }
  };

  return (
    <section className="card" aria-labelledby="trust-title" data-testid="trust-panel">
      <h2 id="trust-title">{t('trust.title')}</h2>
      <p className="small muted">{t('trust.hint')}</p>
      {roots === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : roots.length === 0 ? (
        <p className="muted">{t('trust.none')}</p>
      ) : (
        <ul className="plain-list" data-testid="trust-roots">
          {roots.map((root) => (
            <li key={root.fileName}>
              <strong>{root.summary.subject}</strong> · {t('cert.validity')}: {validityDay(root.summary.notBefore)} → {validityDay(root.summary.notAfter)}{' '}
              <button type="button" className="button small" onClick={() => void remove(root)}>
                {t('trust.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button" onClick={() => void add()} data-testid="trust-add">
        {t('trust.add')}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {dialog}
    </section>
  );
}
