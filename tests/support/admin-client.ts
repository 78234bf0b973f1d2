import { ADMIN_API_PREFIX, ADMIN_COOKIE, CSRF_HEADER } from '@shared/admin/admin-api';

/** A console's view of the hub: its session cookie and CSRF token, as the browser would keep them. */
export interface AdminClient {
  cookie: string;
  csrf: string;
  setCookie: string;
  /** A request under ADMIN_API_PREFIX; changes carry the CSRF token and the hub's own Origin unless told otherwise. */
  call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>;
}

export async function signIn(url: string, name: string, password: string): Promise<Response> {
  return fetch(`${url}${ADMIN_API_PREFIX}/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ name, password }) });
}

/** The session id out of a Set-Cookie header. */
export function cookieOf(setCookie: string): string {
  const match = new RegExp(`${ADMIN_COOKIE}=([^;]*)`).exec(setCookie);
  if (!match) throw new Error(`no ${ADMIN_COOKIE} cookie in "${setCookie}"`);
  return `${ADMIN_COOKIE}=${match[1]}`;
}

export async function adminClient(url: string, name: string, password: string): Promise<AdminClient> {
  const res = await signIn(url, name, password);
  if (res.status !== 200) throw new Error(`sign-in ${res.status}: ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = cookieOf(setCookie);
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return {
    cookie,
    csrf,
    setCookie,
    call: (method, path, body, headers = {}) => {
      const raw = body instanceof Uint8Array;
      const safe = method === 'GET' || method === 'HEAD';
      return fetch(`${url}${ADMIN_API_PREFIX}${path}`, {
        method,
        headers: {
          cookie,
          ...(safe ? {} : { [CSRF_HEADER]: csrf, origin: url }),
          ...(body === undefined ? {} : { 'content-type': raw ? 'application/octet-stream' : 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : raw ? Buffer.from(body) : typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
  };
}
