import type { FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import { fail } from '../hub-http-error';
import type { HubStore } from '../store/hub-store';
import type { ConsoleSessions } from '../console-auth/sessions';
import type { SigninGuard } from '../console-auth/signin-guard';

export interface ConsoleOptions {
  /** The console's build (index.html and assets), served at /admin. */
  consoleDir: string;
  /** The hub serves https itself (HUB_TLS_CERT/HUB_TLS_KEY). */
  tls: boolean;
  /** Behind a proxy: X-Forwarded-Proto and X-Forwarded-Host are believed (HUB_TRUST_PROXY=1). */
  trustProxy: boolean;
  hubVersion: string;
  /** SQLite's data folder, for the health page's sizes. */
  dataDir: string;
  /** Sign-in attempts per client address per minute. */
  signinPerMinute: number;
}

export interface ConsoleContext {
  store: HubStore;
  epoch: string;
  options: ConsoleOptions;
  sessions: ConsoleSessions;
  guard: SigninGuard;
}

declare module 'fastify' {
  interface FastifyRequest {
    admin?: { name: string; csrfToken: string; idHash: string };
  }
}

/** The signed-in administrator (the preHandler has made sure there is one). */
export function adminOf(request: FastifyRequest): { name: string; csrfToken: string; idHash: string } {
  if (!request.admin) throw fail(401, 'unauthorized', 'Sign in first');
  return request.admin;
}

/** A request part parsed with its schema, or a 400/422 naming what was wrong. */
export function parsed<T>(schema: ZodType<T>, value: unknown, status = 422): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw fail(status, 'invalid_request', issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; '), { issues });
  }
  return result.data;
}

/** Whether the request reached the hub over https (itself, or a proxy it trusts). */
export function overHttps(request: FastifyRequest, options: ConsoleOptions): boolean {
  if (options.tls) return true;
  return options.trustProxy && String(request.headers['x-forwarded-proto'] ?? '').split(',')[0]!.trim() === 'https';
}

/** The hub's own origin as the browser sees it. */
export function ownOrigin(request: FastifyRequest, options: ConsoleOptions): string {
  const forwardedHost = options.trustProxy ? String(request.headers['x-forwarded-host'] ?? '').split(',')[0]!.trim() : '';
  return `${overHttps(request, options) ? 'https' : 'http'}://${forwardedHost || request.headers.host || ''}`;
}

/** Raw uploaded bytes (application/octet-stream), or a 415. */
export function uploadedBytes(request: FastifyRequest): Uint8Array {
  if (!Buffer.isBuffer(request.body)) throw fail(415, 'unsupported_media_type', 'Send the file as application/octet-stream');
  return new Uint8Array(request.body.buffer, request.body.byteOffset, request.body.byteLength);
}

/** Text as a search compares it: accents, đ and case set aside, the same on both databases. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}
