import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The console talks only to its own hub; nothing inline, nothing framed, no referrer sent anywhere. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

function secure(reply: FastifyReply): FastifyReply {
  return reply.headers({ 'content-security-policy': CONSOLE_CSP, 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer', 'cross-origin-opener-policy': 'same-origin' });
}

/**
 * The console's build at /admin: index.html for /admin and /admin/ (it routes by hash), its files
 * under /admin/assets/. Nothing outside the build folder is ever read.
 */
export function serveConsole(scope: FastifyInstance, dir: string): void {
  const root = resolve(dir);
  const index = async (reply: FastifyReply) => {
    const html = await readFile(resolve(root, 'index.html')).catch(() => null);
    if (!html) {
      return secure(reply)
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(`The administration console is not built: run "npm run build:admin" (looked in ${root}).\nTrang quản trị chưa được dựng: chạy "npm run build:admin".`);
    }
    return secure(reply).type(MIME['.html']!).send(html);
  };
  scope.get('/admin', async (_request, reply) => index(reply));
  scope.get('/admin/', async (_request, reply) => index(reply));
  scope.get('/admin/assets/*', async (request, reply) => {
    const rest = (request.params as { '*'?: string })['*'] ?? '';
    const file = resolve(root, 'assets', rest);
    if (rest.includes('\0') || !file.startsWith(resolve(root, 'assets') + sep)) return secure(reply).status(404).send({ error: { code: 'not_found', message: 'No such file' } });
    const body = await readFile(file).catch(() => null);
    if (!body) return secure(reply).status(404).send({ error: { code: 'not_found', message: 'No such file' } });
    return secure(reply)
      .type(MIME[extname(file).toLowerCase()] ?? 'application/octet-stream')
      .send(body);
  });
}
