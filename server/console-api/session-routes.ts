import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_API_PREFIX, ADMIN_COOKIE, signInRequestSchema } from '@shared/admin/admin-api';
import { fail } from '../hub-http-error';
import { logAdmin } from '../admin/admin-log';
import { decoyHash, verifyPassword } from '../console-auth/passwords';
import { SESSION_MAX_MS } from '../console-auth/sessions';
import { adminOf, overHttps, parsed, type ConsoleContext } from './context';

function setCookie(reply: FastifyReply, request: FastifyRequest, ctx: ConsoleContext, value: string, maxAgeS: number): void {
  const secure = overHttps(request, ctx.options) ? '; Secure' : '';
  void reply.header('set-cookie', `${ADMIN_COOKIE}=${value}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secure}`);
}

/** Sign-in, who is signed in, sign-out. */
export function sessionRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  const { store, sessions, guard, options } = ctx;

  scope.post(`${ADMIN_API_PREFIX}/session`, { bodyLimit: 4096, config: { rateLimit: { max: options.signinPerMinute, timeWindow: 60_000 } } }, async (request, reply) => {
    const body = parsed(signInRequestSchema, request.body, 400);
    const name = body.name.trim().toLowerCase();
    const waitMs = await guard.lockedFor(name);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      void reply.header('retry-after', String(seconds));
      throw fail(429, 'locked', `Too many wrong passwords for this login: try again in ${Math.ceil(seconds / 60)} minute(s)`, { retryAfterSeconds: seconds });
    }
    const admin = await store.db.selectFrom('admins').select(['name', 'password_hash']).where('name', '=', name).executeTakeFirst();
    // An unknown login costs the same hashing as a known one.
    const ok = await verifyPassword(body.password, admin?.password_hash ?? (await decoyHash()));
    if (!admin || !ok) {
      await guard.fail(name);
      await logAdmin(store.db, null, 'signin-failed', { login: name.slice(0, 100) });
      if ((await guard.lockedFor(name)) > 0) await logAdmin(store.db, null, 'signin-locked', { login: name.slice(0, 100) });
      throw fail(401, 'bad_credentials', 'Wrong login or password');
    }
    await guard.clear(name);
    const session = await sessions.create(admin.name);
    await logAdmin(store.db, admin.name, 'signin', {});
    setCookie(reply, request, ctx, session.id, Math.floor(SESSION_MAX_MS / 1000));
    return { admin: { name: admin.name }, csrfToken: session.csrfToken, hubVersion: options.hubVersion };
  });

  scope.get(`${ADMIN_API_PREFIX}/session`, async (request) => {
    const admin = adminOf(request);
    return { admin: { name: admin.name }, csrfToken: admin.csrfToken, hubVersion: options.hubVersion };
  });

  scope.delete(`${ADMIN_API_PREFIX}/session`, async (request, reply) => {
    const admin = adminOf(request);
    await sessions.end(admin.idHash);
    await logAdmin(store.db, admin.name, 'signout', {});
    setCookie(reply, request, ctx, '', 0);
    return reply.status(204).send();
  });
}
