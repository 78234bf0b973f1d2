import { useEffect, useState } from 'react';

export type Route = { name: 'list' } | { name: 'new' } | { name: 'inspection'; id: string };

/** Hash routes keep the app a single document, which the navigation rules in main require. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/new') return { name: 'new' };
  const match = /^\/inspections\/([0-9a-f-]{36})$/.exec(path);
  if (match) return { name: 'inspection', id: match[1]! };
  return { name: 'list' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'list':
      return '#/';
    case 'new':
      return '#/new';
    case 'inspection':
      return `#/inspections/${route.id}`;
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
