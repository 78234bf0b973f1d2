/**
 * A stand-in hub that answers every push request at once and stores nothing. Pushing to it
 * measures what the client engine alone can send on this machine: the ceiling for any real hub
 * sharing the same cores.
 */
import { createServer } from 'node:http';

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const url = request.url ?? '';
    const data = Buffer.concat(chunks);
    let body = '{}';
    if (url.endsWith('/blobs/missing')) body = JSON.stringify({ missing: (JSON.parse(data.toString()) as { hashes: string[] }).hashes });
    else if (url.endsWith('/blobs')) {
      // Only the manifest line is read: the bytes are dropped unchecked.
      const manifest = JSON.parse(data.subarray(0, data.indexOf(0x0a)).toString()) as { blobs: Array<{ sha256: string }> };
      body = JSON.stringify({ results: manifest.blobs.map((b) => ({ sha256: b.sha256, status: 'created' })) });
    } else if (url.endsWith('/inspections')) {
      const { items } = JSON.parse(data.toString()) as { items: Array<{ id: string; revision: number; contentHash: string }> };
      body = JSON.stringify({ results: items.map((i) => ({ id: i.id, status: 201, revision: i.revision, contentHash: i.contentHash })) });
    } else if (url.includes('/inspections/')) body = JSON.stringify({ id: url.split('/').at(-1), revision: 1, contentHash: '0'.repeat(64) });
    response.writeHead(request.method === 'PUT' ? 201 : 200, { 'content-type': 'application/json' });
    response.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(`null hub listening on http://127.0.0.1:${port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
