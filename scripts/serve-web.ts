/**
 * Serves the browser build of the renderer (out/web) on loopback, with the same CSP and headers
 * as the desktop app's congvu:// protocol. `npm run web`; WEB_PORT picks the port (0: any free).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createStaticHandler } from '../node-shared/http/static-handler';

const HOST = '127.0.0.1';

export async function startWebServer(dir: string, port: number): Promise<{ url: string; close: () => Promise<void> }> {
  const handle = createStaticHandler(dir);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const request = new Request(`http://${HOST}${req.url ?? '/'}`, { method: req.method });
    void handle(request).then(async (response) => {
      response.headers.forEach((value, name) => res.setHeader(name, value));
      res.writeHead(response.status);
      res.end(req.method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, HOST, () => ok());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${HOST}:${actualPort}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isMain) {
  const dir = resolve(import.meta.dirname, '../out/web');
  if (!existsSync(resolve(dir, 'index.html'))) {
    console.error(`No browser build in ${dir}: run "npm run web" (it builds first).`);
    process.exit(1);
  }
  const port = Number(process.env['WEB_PORT'] ?? 5180);
  const { url } = await startWebServer(dir, port);
  console.log(`congvu (browser build) at ${url}`);
  console.log('Press Ctrl+C to stop.');
}
