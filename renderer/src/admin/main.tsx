import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminApp } from './app/admin-app';
import { AdminI18nProvider } from './i18n/admin-i18n';
import '../styles.css';
import './admin.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AdminI18nProvider>
      <AdminApp />
    </AdminI18nProvider>
  </StrictMode>,
);
