import type { ReactNode } from 'react';
import { useI18n, type Language } from '../i18n/i18n';
import { useSetLanguage } from '../features/settings/mutations';
import { StatusBar } from './status-bar';
import { BrowserSealNotice } from '../features/storage/seal-notice';
import { useHubSettings } from '../features/sync/queries';
import { href, type Route } from './router';

export function AppShell({ route, children }: { route: Route; children: ReactNode }) {
  const { t, language } = useI18n();
  const setLanguage = useSetLanguage();
  // The department's pages appear once this device is enrolled as a reviewer.
  const reviewer = useHubSettings()?.role === 'reviewer';
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-title">{t('app.title')}</span>
          <span className="brand-subtitle">{t('app.subtitle')}</span>
        </div>
        <nav className="nav" aria-label={t('app.title')}>
          <a href={href({ name: 'list' })} aria-current={route.name === 'list' ? 'page' : undefined}>
            {t('nav.inspections')}
          </a>
          {reviewer && (
            <>
              <a href={href({ name: 'review' })} aria-current={route.name === 'review' || route.name === 'review-detail' ? 'page' : undefined}>
                {t('nav.review')}
              </a>
              <a href={href({ name: 'dashboard' })} aria-current={route.name === 'dashboard' ? 'page' : undefined}>
                {t('nav.dashboard')}
              </a>
            </>
          )}
          <a href={href({ name: 'reports' })} aria-current={route.name === 'reports' ? 'page' : undefined}>
            {t('nav.reports')}
          </a>
          <a href={href({ name: 'sync' })} aria-current={route.name === 'sync' ? 'page' : undefined}>
            {t('nav.sync')}
          </a>
          <a href={href({ name: 'signing' })} aria-current={route.name === 'signing' ? 'page' : undefined}>
            {t('nav.signing')}
          </a>
          <a href={href({ name: 'new' })} aria-current={route.name === 'new' ? 'page' : undefined} className="nav-primary">
            {t('nav.new')}
          </a>
        </nav>
        <label className="lang">
          <span className="visually-hidden">{t('lang.label')}</span>
          <select value={language} onChange={(e) => void setLanguage(e.target.value as Language)} aria-label={t('lang.label')}>
            <option value="vi">{t('lang.vi')}</option>
            <option value="en">{t('lang.en')}</option>
          </select>
        </label>
      </header>
      <main className="content">
        <BrowserSealNotice />
        {children}
      </main>
      <StatusBar />
    </div>
  );
}
