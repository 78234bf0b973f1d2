import { I18nProvider } from '../i18n/i18n';
import { useLanguage } from '../features/settings/queries';
import { InspectionsListPage } from '../features/inspections/inspections-list-page';
import { NewInspectionPage } from '../features/inspections/new-inspection-page';
import { InspectionWorkspace } from '../features/recording/inspection-workspace';
import { AppShell } from './app-shell';
import { useRoute } from './router';

export function App() {
  const language = useLanguage();
  const route = useRoute();
  // Until the stored choice is read, render in Vietnamese rather than flash an empty window.
  return (
    <I18nProvider language={language ?? 'vi'}>
      <AppShell route={route}>
        {route.name === 'list' && <InspectionsListPage />}
        {route.name === 'new' && <NewInspectionPage />}
        {route.name === 'inspection' && <InspectionWorkspace key={route.id} id={route.id} tab={route.tab} />}
      </AppShell>
    </I18nProvider>
  );
}
