import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Whether the hub closed the connection. */
  closed: boolean;
}

/** Splits what came back on a raw socket into status, headers and body. */
export function parseRawAnswer(text: string, closed: boolean): RawAnswer {
  const at = text.indexOf('\r\n\r\n');
  const head = at < 0 ? text : text.slice(0, at);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: at < 0 ? '' : text.slice(at + 4), closed };
}

/**
 * Bytes written to the hub as they are, on a socket of their own, read until the hub closes it
 * (every answer here closes the connection). For what fetch will not send: malformed requests,
 * oversized headers, a body that stalls or trickles.
 */
export function rawExchange(url: string, write: (send: (chunk: string | Uint8Array) => boolean) => void | Promise<void>): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the answer is still an answer.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return;
      fail(error);
    });
    socket.on('close', () => done(parseRawAnswer(Buffer.concat(chunks).toString('utf8'), true)));
    socket.on('connect', () => {
      void Promise.resolve(write((chunk) => !socket.destroyed && socket.write(chunk))).catch(fail);
    });
  });
}
