import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminApp } from './app/admin-app';
import { parseHash } from './app/router';
import { prefetchDevices } from './features/devices/queries';
import { fetchSession } from './features/session/queries';
import { AdminI18nProvider } from './i18n/admin-i18n';
import '../styles.css';
import './admin.css';

// Asked for before React draws: the session, and the home page's first rows if it opens there.
const firstSession = fetchSession();
firstSession.catch(() => undefined);
const opening = parseHash(window.location.hash)[0];
if (opening === undefined || opening === 'devices') prefetchDevices();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AdminI18nProvider>
      <AdminApp firstSession={firstSession} />
    </AdminI18nProvider>
  </StrictMode>,
);
