/** An answer the hub chose: its status, a stable code, a message, and any details the client needs. */
export class HubHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const fail = (status: number, code: string, message: string, extra?: Record<string, unknown>) => new HubHttpError(status, code, message, extra);
