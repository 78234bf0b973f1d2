import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A body refused as too large is still being sent when the 413 goes out. Fastify marks that answer
 * `connection: close`, and Node then destroys the socket under the client's upload: the client's
 * next write fails (EPIPE, a reset) and it may never read the 413, so the app's sync takes a
 * refused photo for a network fault and retries it for ever. Instead the rest of the body is read
 * and thrown away, as much of it as the hub would take on some route (`drainLimit`), and the
 * connection stays usable. A body announced larger than that is refused from its headers and the
 * connection closed, as before; a chunked body is counted and cut off once past the limit, after
 * the answer has gone.
 */
export function keepReadingRefusedBody(request: FastifyRequest, reply: FastifyReply, drainLimit: number): void {
  const raw = request.raw;
  if (raw.complete) return;
  const declared = raw.headers['content-length'];
  if (declared !== undefined) {
    // Fastify never started reading it: Node pulls the unread bytes off the wire itself once the
    // answer is out, and parses the next request after them.
    if (Number(declared) <= drainLimit) reply.removeHeader('connection');
    return;
  }
  // Chunked: Fastify stopped listening at its limit but the stream still flows; count what follows.
  reply.removeHeader('connection');
  let drained = 0;
  const count = (chunk: Buffer) => {
    drained += chunk.byteLength;
    if (drained <= drainLimit) return;
    raw.off('data', count);
    const socket = raw.socket;
    if (reply.raw.writableFinished) socket.destroy();
    else reply.raw.once('finish', () => socket.destroy());
  };
  raw.on('data', count);
  raw.once('end', () => raw.off('data', count));
}
