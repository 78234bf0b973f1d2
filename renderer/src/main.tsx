import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { bridge } from './bridge/bridge';
import { CongvuDb, installReferenceData, refreshReviewFacts, sealStoredRows, type SealedBy } from './db/database';
import { DbProvider } from './db/db-context';
import { openDataKey } from './features/storage/data-key';
import { keepFieldsOutOfSessionRestore } from './features/storage/no-form-restore';
import { requestPersistentStorage } from './features/storage/persistence';
import { UnlockScreen } from './features/storage/unlock-screen';
import { I18nProvider } from './i18n/i18n';
import './styles.css';

keepFieldsOutOfSessionRestore(document);
const root = createRoot(document.getElementById('root')!);

function startApp(key: CryptoKey, sealedBy: SealedBy): void {
  const db = new CongvuDb(undefined, key, sealedBy);

  // Ask at every start: the answer can change (site settings, disk pressure), and it is recorded.
  void requestPersistentStorage(db, navigator.storage).catch((error: unknown) => console.error('storage.persist failed', error));

  // What an older app stored in plain is sealed first, batch by batch; the list reads it either way meanwhile.
  void sealStoredRows(db)
    .then(() => installReferenceData(db))
    .then(() => refreshReviewFacts(db))
    .catch((error: unknown) => console.error('start-up data work failed', error));

  // Automatic sync with the hub (if this device is enrolled), loaded after the first screen is up.
  setTimeout(() => {
    void import('./features/sync/controller').then((m) => m.syncController(db).start()).catch((error: unknown) => console.error('auto sync failed to start', error));
    // Signatures made offline get their queued document time-stamp now, and whenever the laptop is back online.
    void import('./features/report/timestamp-queue')
      .then((m) => m.startTimestampQueue(db, bridge.signing.timestamp))
      .catch((error: unknown) => console.error('time-stamp queue failed to start', error));
  }, 1500);

  root.render(
    <StrictMode>
      <DbProvider db={db}>
        <App />
      </DbProvider>
    </StrictMode>,
  );
}

/** The data key first: nothing is read or written before the store can be sealed. */
async function start(): Promise<void> {
  const outcome = await openDataKey(bridge.storageKey);
  if (outcome.ok) return startApp(outcome.key, outcome.source);
  // Before the store opens the chosen language is unknown (it is stored sealed): Vietnamese.
  root.render(
    <StrictMode>
      <I18nProvider language="vi">
        <UnlockScreen
          mode={outcome.code === 'passphrase-new' ? 'passphrase-new' : 'passphrase-required'}
          damaged={outcome.code === 'key-file-damaged'}
          unlock={(passphrase) => openDataKey(bridge.storageKey, passphrase)}
          onOpened={(opened) => startApp(opened.key, opened.source)}
        />
      </I18nProvider>
    </StrictMode>,
  );
}

void start().catch((error: unknown) => {
  console.error('data key failed', error);
  document.getElementById('root')!.textContent = `Không mở được khoá dữ liệu / The data key could not be opened: ${error instanceof Error ? error.message : String(error)}`;
});
