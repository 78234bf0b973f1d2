import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { CongvuDb, installReferenceData, refreshReviewFacts } from './db/database';
import { DbProvider } from './db/db-context';
import { requestPersistentStorage } from './features/storage/persistence';
import './styles.css';

const db = new CongvuDb();

// Ask at every start: the answer can change (site settings, disk pressure), and it is recorded.
void requestPersistentStorage(db, navigator.storage).catch((error: unknown) => console.error('storage.persist failed', error));

void installReferenceData(db)
  .then(() => refreshReviewFacts(db))
  .catch((error: unknown) => console.error('reference data install failed', error));

// Automatic sync with the hub (if this device is enrolled), loaded after the first screen is up.
setTimeout(() => {
  void import('./features/sync/controller').then((m) => m.syncController(db).start()).catch((error: unknown) => console.error('auto sync failed to start', error));
}, 1500);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DbProvider db={db}>
      <App />
    </DbProvider>
  </StrictMode>,
);
