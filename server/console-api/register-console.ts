import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ADMIN_API_PREFIX, ADMIN_COOKIE, CSRF_HEADER } from '@shared/admin/admin-api';
import { fail } from '../hub-http-error';
import type { HubStore } from '../store/hub-store';
import { ConsoleSessions, cookieValue, csrfMatches } from '../console-auth/sessions';
import { SigninGuard } from '../console-auth/signin-guard';
import { ownOrigin, type ConsoleContext, type ConsoleOptions } from './context';
import { sessionRoutes } from './session-routes';
import { deviceRoutes } from './device-routes';
import { unitRoutes } from './unit-routes';
import { referenceRoutes } from './reference-routes';
import { templateRoutes } from './template-routes';
import { exportRoutes } from './export-routes';
import { healthRoutes } from './health-routes';
import { serveConsole } from './serve-console';

export type { ConsoleOptions };

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * The administration console: its web app at /admin and its API under ADMIN_API_PREFIX. Signed in
 * by cookie only (a device's bearer token is no key here); every change needs the session's CSRF
 * token in a header a cross-site page cannot set, and a same-origin Origin when the browser sends one.
 */
export function registerConsole(app: FastifyInstance, store: HubStore, epoch: string, options: ConsoleOptions): void {
  const ctx: ConsoleContext = { store, epoch, options, sessions: new ConsoleSessions(store.db), guard: new SigninGuard(store.db) };
  void app.register(async (scope) => {
    // Same-origin only: the device API's "any origin" does not extend to the console.
    scope.addHook('onSend', async (request, reply, payload) => {
      reply.removeHeader('access-control-allow-origin');
      // The console's scripts and styles are named by their content's hash and hold no one's data:
      // a browser keeps them (and its compiled code), so the console opens without fetching them again.
      if (reply.statusCode === 200 && request.routeOptions.url === '/admin/assets/*') void reply.header('cache-control', 'public, max-age=31536000, immutable');
      return payload;
    });
    scope.addHook('onRequest', async (request) => {
      // Judged by the route matched, not the URL as sent: the router decodes %-escapes, so
      // /admin/api/%761/devices reaches the devices route and must be guarded like it.
      const path = request.routeOptions.url ?? '';
      if (!path.startsWith(`${ADMIN_API_PREFIX}/`)) return;
      if (request.headers.authorization !== undefined) throw fail(401, 'unauthorized', 'The console takes no bearer tokens: sign in');
      if (!SAFE_METHODS.has(request.method)) checkOrigin(request, options);
      const signingIn = path === `${ADMIN_API_PREFIX}/session` && request.method === 'POST';
      if (signingIn) return;
      const id = cookieValue(request.headers.cookie, ADMIN_COOKIE);
      const session = id ? await ctx.sessions.find(id) : null;
      if (!session) throw fail(401, 'unauthorized', 'Not signed in, or the session has ended');
      if (!SAFE_METHODS.has(request.method) && !csrfMatches(headerText(request, CSRF_HEADER), session.csrfToken)) {
        throw fail(403, 'csrf', `A change needs the session's ${CSRF_HEADER} header`);
      }
      request.admin = { name: session.admin, csrfToken: session.csrfToken, idHash: session.idHash };
    });
    sessionRoutes(scope, ctx);
    deviceRoutes(scope, ctx);
    unitRoutes(scope, ctx);
    referenceRoutes(scope, ctx);
    templateRoutes(scope, ctx);
    exportRoutes(scope, ctx);
    healthRoutes(scope, ctx);
    serveConsole(scope, options.consoleDir);
  });
}

function headerText(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** A browser says where a request comes from; one from another origin never changes anything here. */
function checkOrigin(request: FastifyRequest, options: ConsoleOptions): void {
  const origin = headerText(request, 'origin');
  if (origin !== undefined && origin !== ownOrigin(request, options)) throw fail(403, 'csrf', 'A change from another site is refused');
  const site = headerText(request, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw fail(403, 'csrf', 'A change from another site is refused');
}
