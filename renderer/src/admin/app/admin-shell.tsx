import type { ReactNode } from 'react';
import type { AdminSession } from '@shared/admin/admin-api';
import { LanguageSelect } from '../components/language-select';
import { useAdminI18n } from '../i18n/admin-i18n';
import { hashOf } from './router';
import { routes, type AdminRoute } from './routes';

export function AdminShell({ session, current, onSignOut, children }: { session: AdminSession; current: AdminRoute | null; onSignOut: () => void; children: ReactNode }) {
  const { t } = useAdminI18n();
  return (
    <div className="shell admin">
      <header className="topbar">
        <div className="brand">
          <span className="brand-title">{t('admin.title')}</span>
          <span className="brand-subtitle">{t('admin.subtitle')}</span>
        </div>
        <nav className="nav" aria-label={t('admin.subtitle')}>
          {routes.map((route) => (
            <a key={route.path} href={hashOf(route.path)} aria-current={current === route ? 'page' : undefined}>
              {t(route.nav)}
            </a>
          ))}
        </nav>
        <LanguageSelect />
        <div className="admin-who">
          <span className="small">{t('admin.signedInAs', { name: session.admin.name })}</span>
          <button type="button" className="button small-button" onClick={onSignOut}>
            {t('admin.signOut')}
          </button>
        </div>
      </header>
      <main className="content">{children}</main>
      <footer className="statusbar">
        <span className="statusbar-right">{t('admin.hubVersion', { version: session.hubVersion, console: __APP_VERSION__ })}</span>
      </footer>
    </div>
  );
}
