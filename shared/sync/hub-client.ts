import { API_PREFIX, enrollResponseSchema, hubErrorSchema, type EnrollResponse } from './protocol';

export class HubRequestError extends Error {
  override name = 'HubRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly missingBlobs: string[] = [],
  ) {
    super(message);
  }
  /** Worth trying again later: the network, the hub being down or busy. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
  /**
   * The rest of the run would fail the same way: no hub, no valid token, a role refused. A record
   * another device owns (403 not_owner) is that record's own refusal: the others go on.
   */
  get stopsRun(): boolean {
    return this.retryable || this.status === 401 || (this.status === 403 && this.code !== 'not_owner');
  }
  /** Refused for good: shown, not retried by itself (a conflict, a broken chain, another device's record). */
  get final(): boolean {
    return !this.stopsRun && this.code !== 'local';
  }
}

/** What a status without our JSON error body (a proxy's, say) means. */
export const STATUS_CODES: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 413: 'too_large', 503: 'unavailable' };

export function asHubError(error: unknown, code = 'network'): HubRequestError {
  return error instanceof HubRequestError ? error : new HubRequestError(0, code, error instanceof Error ? error.message : String(error));
}

/** Exponential backoff with full jitter between half and all of the step, capped. */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number): number {
  const step = Math.min(max, base * 2 ** attempt);
  return Math.round(step * (0.5 + random() / 2));
}

export interface HubClientOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  requestTimeoutMs: number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  fetch: typeof fetch;
}

type Body = Uint8Array | string | Blob;

/** Requests to the hub's API with the device's token: timed out, retried when worth it, errors typed. */
export class HubClient {
  constructor(
    private readonly hub: { baseUrl: string; token: string },
    private readonly o: HubClientOptions,
  ) {}

  private async once(method: string, path: string, body?: Body, contentType?: string, cancel?: AbortSignal): Promise<{ status: number; json: unknown }> {
    const controller = new AbortController();
    cancel?.addEventListener('abort', () => controller.abort(), { once: true });
    if (cancel?.aborted) controller.abort();
    // A large upload on a slow link is not a hung hub: each megabyte sent adds the base timeout again.
    const size = typeof body === 'string' ? body.length : body instanceof Blob ? body.size : (body?.byteLength ?? 0);
    const timer = setTimeout(() => controller.abort(), this.o.requestTimeoutMs * (1 + size / (1024 * 1024)));
    try {
      const res = await this.o.fetch(`${this.hub.baseUrl}${API_PREFIX}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.hub.token}`, ...(contentType ? { 'content-type': contentType } : {}) },
        body: body as BodyInit | undefined,
        signal: controller.signal,
      });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      if (res.status >= 400) {
        const err = hubErrorSchema.safeParse(json);
        const code = err.success ? err.data.error.code : (STATUS_CODES[res.status] ?? 'http_error');
        throw new HubRequestError(res.status, code, err.success ? err.data.error.message : `HTTP ${res.status}`, err.success ? (err.data.error.missingBlobs ?? []) : []);
      }
      return { status: res.status, json };
    } catch (error) {
      if (error instanceof HubRequestError) throw error;
      throw new HubRequestError(0, 'network', error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  }

  /** One request with retries on what is worth retrying. */
  async request(method: string, path: string, body?: Body, contentType?: string, cancel?: AbortSignal): Promise<{ status: number; json: unknown }> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(method, path, body, contentType);
      } catch (error) {
        if (!(error instanceof HubRequestError) || !error.retryable || attempt + 1 >= this.o.maxAttempts || cancel?.aborted) throw error;
        await this.o.sleep(backoffDelay(attempt, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random));
      }
    }
  }

  /** A blob's bytes, once, as they are (not JSON). */
  async blob(sha256: string): Promise<Uint8Array> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.o.requestTimeoutMs);
    try {
      const res = await this.o.fetch(`${this.hub.baseUrl}${API_PREFIX}/blobs/${sha256}`, { headers: { authorization: `Bearer ${this.hub.token}` }, signal: controller.signal });
      if (!res.ok) throw new HubRequestError(res.status, STATUS_CODES[res.status] ?? 'http_error', `HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    } catch (error) {
      if (error instanceof HubRequestError) throw error;
      throw new HubRequestError(0, 'network', error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Trades an enrollment code for a device token. */
export async function enrollDevice(baseUrl: string, code: string, deviceName: string, fetchImpl: typeof fetch = (...a) => globalThis.fetch(...a)): Promise<EnrollResponse> {
  let res: Response;
  try {
    res = await fetchImpl(`${baseUrl}${API_PREFIX}/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName }) });
  } catch (error) {
    throw new HubRequestError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  const json: unknown = await res.json().catch(() => null);
  if (res.status !== 201) {
    const err = hubErrorSchema.safeParse(json);
    throw new HubRequestError(res.status, err.success ? err.data.error.code : 'http_error', err.success ? err.data.error.message : `HTTP ${res.status}`);
  }
  return enrollResponseSchema.parse(json);
}
