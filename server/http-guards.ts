import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { findUnstorableText, hasUnstorableText } from '@shared/sync/protocol';

/** Headers every answer carries, errors included: the app calls from its own origin with a bearer token (never cookies). */
export const ALWAYS_HEADERS = {
  'access-control-allow-origin': '*',
  'x-content-type-options': 'nosniff',
  // Tokens, records and reviews must not linger in any cache between the hub and the app.
  'cache-control': 'no-store',
} as const;

export const errorBody = (code: string, message: string) => ({ error: { code, message } });

/**
 * Errors Node's HTTP parser answers before Fastify sees a request (headers too large, a request
 * that did not arrive in time, bytes that are not HTTP): answered in the API's shape where the
 * socket can still take it, and the connection closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const code = status === 431 ? 'headers_too_large' : status === 408 ? 'request_timeout' : 'bad_request';
  const body = JSON.stringify(errorBody(code, STATUS_CODES[status] ?? 'Bad request'));
  const headers = Object.entries({ ...ALWAYS_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close' })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers}\r\n${body}`);
}

/**
 * Where a request carries text no database stores (NUL, a lone surrogate): in a path parameter,
 * the query or a parsed JSON body. PostgreSQL answered such text with a 500.
 */
export function unstorableTextIn(params: unknown, query: unknown, body: unknown): string | null {
  for (const [where, value] of [['path', params], ['query', query]] as const) {
    const found = findUnstorableText(value);
    if (found !== null) return `${where} ${found}`;
  }
  if (body === undefined || body === null || Buffer.isBuffer(body)) return null;
  if (typeof body === 'string') return hasUnstorableText(body) ? 'body' : null;
  const found = findUnstorableText(body);
  return found === null ? null : `body ${found}`;
}

/** A positive whole number of milliseconds from the environment, or the default. */
export function envMs(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}
