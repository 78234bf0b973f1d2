import { I18nProvider } from '../i18n/i18n';
import { useLanguage } from '../features/settings/queries';
import { InspectionsListPage } from '../features/inspections/inspections-list-page';
import { lazy, Suspense } from 'react';
import { AppShell } from './app-shell';
import { useRoute } from './router';

// Loaded when first opened: the list, the first screen, starts without their code.
const NewInspectionPage = lazy(() => import('../features/inspections/new-inspection-page').then((m) => ({ default: m.NewInspectionPage })));
const SigningPage = lazy(() => import('../features/signing/signing-page').then((m) => ({ default: m.SigningPage })));
const ReportsPage = lazy(() => import('../features/summary/reports-page').then((m) => ({ default: m.ReportsPage })));
const SyncPage = lazy(() => import('../features/sync/sync-page').then((m) => ({ default: m.SyncPage })));
const ReviewPage = lazy(() => import('../features/review/review-page').then((m) => ({ default: m.ReviewPage })));
const ReviewDetailPage = lazy(() => import('../features/review/review-detail-page').then((m) => ({ default: m.ReviewDetailPage })));
const DashboardPage = lazy(() => import('../features/review/dashboard-page').then((m) => ({ default: m.DashboardPage })));
const InspectionWorkspace = lazy(() => import('../features/recording/inspection-workspace').then((m) => ({ default: m.InspectionWorkspace })));

export function App() {
  const language = useLanguage();
  const route = useRoute();
  // Until the stored choice is read, render in Vietnamese rather than flash an empty window.
  return (
    <I18nProvider language={language ?? 'vi'}>
      <AppShell route={route}>
        <Suspense fallback={<p className="muted">…</p>}>
          {route.name === 'list' && <InspectionsListPage />}
          {route.name === 'new' && <NewInspectionPage />}
          {route.name === 'signing' && <SigningPage />}
          {route.name === 'reports' && <ReportsPage />}
          {route.name === 'sync' && <SyncPage />}
          {route.name === 'review' && <ReviewPage />}
          {route.name === 'review-detail' && <ReviewDetailPage key={`${route.id}@${route.revision}`} id={route.id} revision={route.revision} />}
          {route.name === 'dashboard' && <DashboardPage />}
          {route.name === 'inspection' && <InspectionWorkspace key={route.id} id={route.id} tab={route.tab} />}
        </Suspense>
      </AppShell>
    </I18nProvider>
  );
}
