import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../../db/db-context';
import { useI18n } from '../../i18n/i18n';

export const BROWSER_NOTICE_KEY = 'storage.browserNoticeSeen';

/** How the data is sealed, for the status bar. */
export function SealStatus() {
  const { t } = useI18n();
  const db = useDb();
  if (!db.sealedBy) return null;
  return (
    <span data-testid="seal-status" className={db.sealedBy === 'browser' ? 'warn' : undefined} title={db.sealedBy === 'browser' ? t('storage.browserNotice') : undefined}>
      {t(`storage.sealed.${db.sealedBy}`)}
    </span>
  );
}

/** Once, at the browser build's first start: its key protects less than the desktop app's. */
export function BrowserSealNotice() {
  const { t } = useI18n();
  const db = useDb();
  const seen = useLiveQuery(async () => (await db.settings.get(BROWSER_NOTICE_KEY))?.value === true, [db]);
  if (db.sealedBy !== 'browser' || seen !== false) return null;
  return (
    <div className="notice warn-notice" role="status" data-testid="browser-seal-notice">
      {t('storage.browserNotice')}{' '}
      <button type="button" className="link" onClick={() => void db.settings.put({ key: BROWSER_NOTICE_KEY, value: true })}>
        {t('storage.browserNotice.dismiss')}
      </button>
    </div>
  );
}
