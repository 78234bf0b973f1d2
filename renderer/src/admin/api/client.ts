import type { z } from 'zod';
import { ADMIN_API_PREFIX, CSRF_HEADER } from '@shared/admin/admin-api';
import { AdminAnswerError, AdminApiError } from './api-error';

/**
 * The console's only way to the hub: same-origin fetch with the session cookie, the session's
 * CSRF token on every change, answers parsed with the shared schemas. A 401 anywhere but on
 * signing in means the session ended: the shell is told and shows the sign-in page.
 */
let csrfToken: string | null = null;
let onSignedOut: () => void = () => undefined;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function whenSignedOut(listener: () => void): void {
  onSignedOut = listener;
}

export type Query = Record<string, string | number | undefined>;

export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return `${ADMIN_API_PREFIX}/${path}${search ? `?${search}` : ''}`;
}

/** Raw bytes of a chosen file, sent as they are with its name. */
export interface FileBody {
  bytes: ArrayBuffer;
  fileName: string;
}

interface Options {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Query;
  json?: unknown;
  file?: FileBody;
  /** Signing in, or asking whether there is a session: a 401 is an answer, not an ended session. */
  signingIn?: boolean;
}

async function send(path: string, options: Options): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.file) {
    headers['content-type'] = 'application/octet-stream';
    // Header values are Latin-1: a Vietnamese file name travels percent-encoded.
    headers['x-file-name'] = encodeURIComponent(options.file.fileName);
    body = options.file.bytes;
  }
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
  } catch (error) {
    throw new AdminApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (response.ok) return response;
  throw await refusal(response, options.signingIn === true);
}

async function refusal(response: Response, signingIn: boolean): Promise<AdminApiError> {
  let code = `http_${response.status}`;
  let message = response.statusText;
  let problems: unknown[] = [];
  let issues: Array<{ path: string; message: string }> = [];
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown; problems?: unknown; issues?: unknown }; problems?: unknown };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
    const list = body.problems ?? body.error?.problems;
    if (Array.isArray(list)) problems = list;
    if (Array.isArray(body.error?.issues)) issues = (body.error.issues as unknown[]).flatMap((i) => (typeof i === 'object' && i !== null && typeof (i as { message?: unknown }).message === 'string' ? [{ path: String((i as { path?: unknown }).path ?? ''), message: (i as { message: string }).message }] : []));
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const retry = Number(response.headers.get('retry-after'));
  const error = new AdminApiError(response.status, code, message, Number.isFinite(retry) && retry > 0 ? retry : null, problems, issues);
  if (response.status === 401 && !signingIn) {
    setCsrfToken(null);
    onSignedOut();
  }
  return error;
}

function parsed<S extends z.ZodType>(path: string, schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AdminAnswerError(path, result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return result.data;
}

export async function apiGet<S extends z.ZodType>(path: string, schema: S, query?: Query, options: { signingIn?: boolean } = {}): Promise<z.infer<S>> {
  const response = await send(path, { query, ...options });
  return parsed(path, schema, await response.json());
}

/** A change (POST/PUT/DELETE) with a JSON body or a file's bytes; the answer parsed with `schema`. */
export async function apiSend<S extends z.ZodType>(method: 'POST' | 'PUT' | 'DELETE', path: string, schema: S, body: { json?: unknown; file?: FileBody; signingIn?: boolean } = {}): Promise<z.infer<S>> {
  const response = await send(path, { method, ...body });
  const text = await response.text();
  return parsed(path, schema, text === '' ? {} : JSON.parse(text));
}

/** A file the hub makes (an export): its bytes and the name the hub gives it. */
export async function apiDownload(path: string, query: Query): Promise<{ blob: Blob; fileName: string }> {
  const response = await send(path, { query });
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const fileName = star ? decodeURIComponent(star) : (plain ?? path.split('/').pop() ?? 'download');
  return { blob: await response.blob(), fileName };
}
