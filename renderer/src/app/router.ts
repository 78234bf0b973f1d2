import { useEffect, useState } from 'react';

export const workspaceTabs = ['overview', 'roll-call', 'checklist', 'evidence', 'conclusions', 'sign', 'report'] as const;
export type WorkspaceTab = (typeof workspaceTabs)[number];

export type Route = { name: 'list' } | { name: 'new' } | { name: 'signing' } | { name: 'reports' } | { name: 'sync' } | { name: 'review' } | { name: 'review-detail'; id: string; revision: number } | { name: 'dashboard' } | { name: 'inspection'; id: string; tab: WorkspaceTab };

/** Hash routes keep the app a single document, which the navigation rules in main require. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/new') return { name: 'new' };
  if (path === '/signing') return { name: 'signing' };
  if (path === '/reports') return { name: 'reports' };
  if (path === '/sync') return { name: 'sync' };
  if (path === '/review') return { name: 'review' };
  if (path === '/dashboard') return { name: 'dashboard' };
  const review = /^\/review\/([0-9a-f-]{36})\/(\d{1,6})$/.exec(path);
  if (review) return { name: 'review-detail', id: review[1]!, revision: Number(review[2]) };
  const match = /^\/inspections\/([0-9a-f-]{36})(?:\/([a-z-]+))?$/.exec(path);
  if (match) {
    const tab = (workspaceTabs as readonly string[]).includes(match[2] ?? '') ? (match[2] as WorkspaceTab) : 'overview';
    return { name: 'inspection', id: match[1]!, tab };
  }
  return { name: 'list' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'list':
      return '#/';
    case 'new':
      return '#/new';
    case 'signing':
      return '#/signing';
    case 'reports':
      return '#/reports';
    case 'sync':
      return '#/sync';
    case 'review':
      return '#/review';
    case 'review-detail':
      return `#/review/${route.id}/${route.revision}`;
    case 'dashboard':
      return '#/dashboard';
    case 'inspection':
      return route.tab === 'overview' ? `#/inspections/${route.id}` : `#/inspections/${route.id}/${route.tab}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
