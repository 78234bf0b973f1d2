import { lazy, type ComponentType } from 'react';
import { DevicesPage } from '../features/devices/devices-page';
import type { AdminKey } from '../i18n/catalogue';

export interface PageProps {
  /** What follows the page's own name in the hash: "#/units/79" gives the units page ['79']. */
  params: string[];
}

export interface AdminRoute {
  /** The first part of the hash: "#/devices". */
  path: string;
  /** Its entry in the top navigation. */
  nav: AdminKey;
  /** Loaded when first opened (lazy), except the home page, which the console opens on. */
  page: ComponentType<PageProps>;
}

/** Every console page, in the navigation's order; the first is the home page. A new page is one entry here. */
export const routes: AdminRoute[] = [
  // In the first bundle: a lazy home page would wait for its own file and for React's pause before
  // revealing suspended content, both before its list is even asked for.
  { path: 'devices', nav: 'nav.devices', page: DevicesPage },
  { path: 'units', nav: 'nav.units', page: lazy(() => import('../features/units/units-page').then((m) => ({ default: m.UnitsPage }))) },
  { path: 'assignments', nav: 'nav.assignments', page: lazy(() => import('../features/assignments/assignments-page').then((m) => ({ default: m.AssignmentsPage }))) },
  { path: 'legal-bases', nav: 'nav.legalBases', page: lazy(() => import('../features/legal-bases/legal-bases-page').then((m) => ({ default: m.LegalBasesPage }))) },
  { path: 'templates', nav: 'nav.templates', page: lazy(() => import('../features/templates/templates-page').then((m) => ({ default: m.TemplatesPage }))) },
  { path: 'exports', nav: 'nav.exports', page: lazy(() => import('../features/exports/exports-page').then((m) => ({ default: m.ExportsPage }))) },
  { path: 'health', nav: 'nav.health', page: lazy(() => import('../features/health/health-page').then((m) => ({ default: m.HealthPage }))) },
  { path: 'log', nav: 'nav.log', page: lazy(() => import('../features/log/log-page').then((m) => ({ default: m.LogPage }))) },
];

export function routeOf(path: string[]): AdminRoute | null {
  if (path.length === 0) return routes[0]!;
  return routes.find((r) => r.path === path[0]) ?? null;
}
