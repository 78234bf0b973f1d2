/**
 * One HTTP exchange with a deadline over the whole of it (connect, headers and body) and a cap on
 * the body: what the TSA client and the revocation fetch share. Only http(s) URLs.
 */
export type FetchImpl = (url: string, init: RequestInit) => Promise<Response>;

export type FetchFailure = 'bad-url' | 'unreachable' | 'timeout' | 'too-large';

export class BoundedFetchError extends Error {
  override name = 'BoundedFetchError';
  constructor(readonly failure: FetchFailure) {
    super(failure);
  }
}

export interface BoundedFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  fetchImpl?: FetchImpl;
}

export function httpUrl(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

async function readCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? 'NaN');
  if (declared > maxBytes) throw new BoundedFetchError('too-large');
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    if (signal.aborted) throw new BoundedFetchError('timeout');
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BoundedFetchError('too-large');
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

export async function boundedFetch(url: string, init: RequestInit, options: BoundedFetchOptions): Promise<{ status: number; body: Uint8Array }> {
  if (!httpUrl(url)) throw new BoundedFetchError('bad-url');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const response = await (options.fetchImpl ?? fetch)(url, { ...init, signal: controller.signal, redirect: 'follow' });
    const body = await readCapped(response, options.maxBytes, controller.signal);
    return { status: response.status, body };
  } catch (error) {
    if (error instanceof BoundedFetchError) throw error;
    throw new BoundedFetchError(controller.signal.aborted ? 'timeout' : 'unreachable');
  } finally {
    clearTimeout(timer);
  }
}
