import { request as httpRequest, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'none' | 'delay' | '503' | 'cut-request' | 'cut-response' | 'drop-response' | 'duplicate' | 'replay-old';

/** A small seeded generator, so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

interface Held {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Sits between the sync engine and the hub and misbehaves: connections cut at random byte offsets
 * (request or response), 503s, delays, requests sent twice, old requests replayed later (out of
 * order), responses dropped after the hub has committed. Counts what it did.
 */
export class FaultProxy {
  readonly counts = new Map<Fault, number>();
  private server: Server | null = null;
  private readonly history: Held[] = [];
  url = '';

  constructor(
    private target: string,
    private readonly random: () => number,
    private readonly faultRate = 0.35,
  ) {}

  setTarget(target: string): void {
    this.target = target;
  }

  private pick(): Fault {
    if (this.random() > this.faultRate) return 'none';
    const faults: Fault[] = ['delay', '503', 'cut-request', 'cut-response', 'drop-response', 'duplicate', 'replay-old'];
    return faults[Math.floor(this.random() * faults.length)]!;
  }

  private forward(held: Held): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
    return new Promise((ok, fail) => {
      const url = new URL(held.path, this.target);
      const req = httpRequest(url, { method: held.method, headers: { ...held.headers, host: url.host, 'content-length': String(held.body.length) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', fail);
      });
      req.on('error', fail);
      req.end(held.body);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const held: Held = { method: req.method ?? 'GET', path: req.url ?? '/', headers: Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => typeof v === 'string' && k !== 'host' && k !== 'connection' && k !== 'content-length')) as Record<string, string>, body: Buffer.concat(chunks) };
    const fault = this.pick();
    this.counts.set(fault, (this.counts.get(fault) ?? 0) + 1);
    const kill = () => {
      req.socket.destroy();
    };
    try {
      switch (fault) {
        case '503':
          res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"code":"unavailable","message":"proxy 503"}}');
          return;
        case 'cut-request': {
          // The hub gets part of the body, then the connection dies on both sides.
          const partial = { ...held, body: held.body.subarray(0, Math.floor(this.random() * held.body.length)) };
          await this.forward({ ...partial, headers: { ...partial.headers } }).catch(() => undefined);
          kill();
          return;
        }
        case 'delay':
          await new Promise((r) => setTimeout(r, Math.floor(this.random() * 400)));
          break;
        case 'duplicate':
          await this.forward(held).catch(() => undefined);
          break;
        case 'replay-old': {
          const old = this.history[Math.floor(this.random() * this.history.length)];
          if (old) await this.forward(old).catch(() => undefined);
          break;
        }
        default:
          break;
      }
      const answer = await this.forward(held);
      if (held.method !== 'GET' && held.method !== 'HEAD') {
        this.history.push(held);
        if (this.history.length > 200) this.history.shift();
      }
      if (fault === 'drop-response') return kill();
      if (fault === 'cut-response') {
        // Headers and part of the body, then the connection dies: the hub has already committed.
        res.writeHead(answer.status, { 'content-type': String(answer.headers['content-type'] ?? 'application/json'), 'content-length': String(answer.body.length) });
        res.write(answer.body.subarray(0, Math.floor(this.random() * answer.body.length)));
        setTimeout(kill, 5);
        return;
      }
      res.writeHead(answer.status, { 'content-type': String(answer.headers['content-type'] ?? 'application/json') });
      res.end(answer.body);
    } catch {
      // The hub is down (killed): the client sees the connection fail.
      kill();
    }
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((ok) => this.server?.close(() => ok()) ?? ok());
  }
}
