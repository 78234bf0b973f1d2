import { ADMIN_COOKIE, CSRF_HEADER } from '../../shared/admin/admin-api';
import { hubCli } from './hub';

export const ADMIN_PASSWORD = 'Sở Nội vụ 2026 — mật khẩu';

/** Adds a console administrator with the CLI, as the hub's administrator does. */
export async function addAdmin(name: string, env: Record<string, string>, password = ADMIN_PASSWORD): Promise<void> {
  const run = await hubCli(['admin', 'add', '--name', name, '--password-env', 'CONGVU_TEST_ADMIN_PW'], { ...env, CONGVU_TEST_ADMIN_PW: password });
  if (run.status !== 0) throw new Error(`admin add failed: ${run.stderr}`);
}

export interface ConsoleSession {
  cookie: string;
  csrf: string;
  setCookie: string;
  /** A request with the session's cookie (and its CSRF header on changes unless told not to). */
  call: (method: string, path: string, body?: unknown, options?: { csrf?: string | null; origin?: string; raw?: Uint8Array; headers?: Record<string, string> }) => Promise<Response>;
}

export async function signIn(url: string, name: string, password = ADMIN_PASSWORD): Promise<ConsoleSession> {
  const res = await fetch(`${url}/admin/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  if (res.status !== 200) throw new Error(`sign-in ${res.status}: ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0]!;
  if (!cookie.startsWith(`${ADMIN_COOKIE}=`)) throw new Error(`no session cookie: ${setCookie}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call: ConsoleSession['call'] = (method, path, body, options = {}) => {
    const headers: Record<string, string> = { cookie, ...(options.headers ?? {}) };
    const csrf = options.csrf === undefined ? csrfToken : options.csrf;
    if (csrf !== null && method !== 'GET') headers[CSRF_HEADER] = csrf;
    if (options.origin) headers['origin'] = options.origin;
    if (options.raw) headers['content-type'] = 'application/octet-stream';
    else if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${url}/admin/api/v1${path}`, { method, headers, body: options.raw ? Buffer.from(options.raw) : body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  };
  return { cookie, csrf: csrfToken, setCookie, call };
}
