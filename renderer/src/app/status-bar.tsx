import { useI18n } from '../i18n/i18n';
import { useAppInfo } from '../features/settings/app-info-queries';
import { usePersistAnswer, useStorageEstimate } from '../features/storage/queries';
import { formatBytes } from './format';
import { SealStatus } from '../features/storage/seal-notice';

export function StatusBar() {
  const { t, locale } = useI18n();
  const persist = usePersistAnswer();
  const estimate = useStorageEstimate();
  const info = useAppInfo();
  const persistText =
    persist === undefined || persist === null
      ? t('common.loading')
      : !persist.supported
        ? t('storage.unsupported')
        : persist.granted
          ? t('storage.persisted')
          : t('storage.notPersisted');
  return (
    <footer className="statusbar" data-testid="status-bar">
      <span data-testid="persist-status" className={persist && !persist.granted ? 'warn' : undefined}>
        {persistText}
      </span>
      <SealStatus />
      {estimate && (
        <span>
          {t('storage.usage', {
            used: formatBytes(estimate.usage, locale),
            free: formatBytes(Math.max(0, estimate.quota - estimate.usage), locale),
          })}
        </span>
      )}
      {info && (
        <span className="statusbar-right">
          {t(info.runtime === 'electron' ? 'runtime.electron' : 'runtime.browser')} · v{info.version}
        </span>
      )}
    </footer>
  );
}
