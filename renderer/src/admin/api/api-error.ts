/** A refused or failed console request: the HTTP status (0: the hub was not reached), the hub's code and message. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait, from Retry-After (429). */
    readonly retryAfter: number | null = null,
    /** Row- or sheet-numbered problems a 422 carried, as the hub sent them. */
    readonly problems: unknown[] = [],
    /** What a 400/422 found wrong in the request: the field and a message, often a message key ("err.date.beforeStart"). */
    readonly issues: Array<{ path: string; message: string }> = [],
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

/** The hub's answer did not match the shared schema: the console and hub are of different releases. */
export class AdminAnswerError extends Error {
  constructor(readonly path: string, detail: string) {
    super(`${path}: ${detail}`);
    this.name = 'AdminAnswerError';
  }
}
