import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { FORMAT_VERSION } from '@shared/format-version';
import { MAX_REVISION, revisionSchema, sha256HexSchema, uuidV7Schema } from '@shared/schemas/common';
import { recordContentHash, type InspectionRecord } from '@shared/inspection/record';
import { API_PREFIX, blobsMissingRequestSchema, checkPushRequest, DEFAULT_MAX_BLOB_BYTES, enrollRequestSchema, makeCursor, parseCursor, pushBatchRequestSchema, PUSH_BATCH_MAX_ITEMS, reportRequestSchema, reviewRequestSchema, type PushRequest, type PushResult } from '@shared/sync/protocol';
import { BLOB_BATCH_MAX_BYTES, BLOB_BATCH_MEDIA_TYPE, parseBlobBatch } from '@shared/sync/blob-batch';
import rateLimit from '@fastify/rate-limit';
import { bearerToken } from './auth';
import { ALWAYS_HEADERS, answerClientError, errorBody, unstorableTextIn } from './http-guards';
import { notOwner } from './store/ownership-rules';
import { inspectorMayReadBlob } from './store/blob-access';
import { keepReadingRefusedBody } from './refused-body';
import { sha256Text } from './sha256-text';
import { fail, HubHttpError } from './hub-http-error';
import { registerConsole, type ConsoleOptions } from './console-api/register-console';
import type { Device, HubStore, PushOutcome } from './store/hub-store';

export interface HubOptions {
  store: HubStore;
  /** Identifies this hub's data: a hub restored from a backup gets a new epoch, which clients notice. */
  epoch: string;
  maxBlobBytes?: number;
  logger?: boolean;
  /** A connection silent this long is closed (a stalled body among them). */
  idleTimeoutMs?: number;
  /** A request not wholly received in this time is cut (a trickled body). */
  requestTimeoutMs?: number;
  /** Enrollment attempts per client address per minute. */
  enrollPerMinute?: number;
  /** The administration console at /admin; without it the hub has no console. */
  console?: ConsoleOptions;
  /** Served over https itself (HUB_TLS_CERT/HUB_TLS_KEY). */
  https?: { cert: Buffer; key: Buffer };
}

/** Body limits sized to what each route carries; record pushes are as big as the largest record (photos go as blobs). */
const LIMITS = { default: 16 * 1024, enroll: 4 * 1024, review: 16 * 1024, report: 4 * 1024, missing: 128 * 1024, push: 64 * 1024 * 1024 } as const;
/** A refused body up to this size is still read to its end on routes with small limits, so the client reads the 413. */
const SMALL_ROUTE_DRAIN = 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    device?: Device;
  }
}

/**
 * A push of a revision the hub holds is a retry when the record, as it came, has the held content
 * hash and says so: the same content, byte for byte in its canonical form. Anything else under
 * that id and revision is a conflict.
 */
function sameHeldRecord(body: unknown, held: string): boolean {
  const { contentHash, record } = (body ?? {}) as { contentHash?: unknown; record?: { inspection?: { contentHash?: unknown } } };
  if (contentHash !== held || record?.inspection?.contentHash !== held) return false;
  try {
    return recordContentHash(record as InspectionRecord, sha256Text) === held;
  } catch {
    // Not shaped like a record at all.
    return false;
  }
}

function device(request: FastifyRequest): Device {
  if (!request.device) throw fail(401, 'unauthorized', 'A device token is required');
  return request.device;
}

function requireRole(request: FastifyRequest, role: Device['role']): Device {
  const d = device(request);
  if (d.role !== role) throw fail(403, 'forbidden', `Only ${role} devices may do this`);
  return d;
}

/** Inspection ids are compared in one form, lower case, whatever case the path used. */
function idParam(request: FastifyRequest): string {
  return ((request.params as { id?: string }).id ?? '').toLowerCase();
}

function shaParam(request: FastifyRequest): string {
  const sha = (request.params as { sha256?: string }).sha256 ?? '';
  if (!sha256HexSchema.safeParse(sha).success) throw fail(400, 'bad_hash', 'The blob address must be a lowercase hex SHA-256');
  return sha;
}

/**
 * The hub's HTTP API (v1). Every error leaves as `{error: {code, message}}`; malformed input is a
 * 4xx, never a 5xx; nothing is stored from a request that fails.
 */
export function buildHub({ store, epoch, maxBlobBytes = DEFAULT_MAX_BLOB_BYTES, logger = false, idleTimeoutMs = 30_000, requestTimeoutMs = 300_000, enrollPerMinute = 10, console: consoleOptions, https }: HubOptions): FastifyInstance {
  const app = Fastify({
    logger,
    ...(https ? { https } : {}),
    // Behind a trusted proxy the client's address is the one that proxy (the socket's peer, and no
    // earlier hop a client could write) forwards, so the sign-in and enrollment limits count clients.
    trustProxy: consoleOptions?.trustProxy ? (_address: string, hop: number) => hop === 0 : false,
    bodyLimit: LIMITS.default,
    connectionTimeout: idleTimeoutMs,
    requestTimeout: requestTimeoutMs,
    keepAliveTimeout: Math.min(72_000, idleTimeoutMs),
    // Node looks for overdue requests this often; a short request timeout needs a closer look. Node
    // cuts a trickled body only while the headers timeout is no longer than the request timeout.
    http: { connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(requestTimeoutMs / 4))), headersTimeout: Math.min(60_000, requestTimeoutMs) },
    clientErrorHandler: answerClientError,
    // A malformed URL (bad percent-encoding) or an over-long id, answered like any other error.
    frameworkErrors: (error, _request, reply) => {
      const status = error.statusCode ?? 400;
      void (reply as FastifyReply)
        .status(status)
        .headers(ALWAYS_HEADERS)
        .send(errorBody(status === 414 ? 'uri_too_long' : 'bad_url', error.message));
    },
  });
  // An over-limit body up to what the hub takes on any route is read to its end, so the 413 reaches the client.
  const drainLimit = Math.max(LIMITS.push, maxBlobBytes, BLOB_BATCH_MAX_BYTES);
  const drainFor = (request: FastifyRequest) => ((request.routeOptions.bodyLimit ?? 0) >= SMALL_ROUTE_DRAIN ? drainLimit : SMALL_ROUTE_DRAIN);

  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: maxBlobBytes }, (_req, body, done) => done(null, body));
  app.addContentTypeParser(BLOB_BATCH_MEDIA_TYPE, { parseAs: 'buffer', bodyLimit: BLOB_BATCH_MAX_BYTES }, (_req, body, done) => done(null, body));

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string; extra?: Record<string, unknown> }, request, reply) => {
    if (error instanceof HubHttpError) {
      void reply.status(error.statusCode).send({ error: { code: error.code, message: error.message, ...error.extra } });
      return;
    }
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) app.log.error(error);
    if (status === 413) keepReadingRefusedBody(request, reply, drainFor(request));
    const code = status === 413 ? 'too_large' : status === 415 ? 'unsupported_media_type' : status === 429 ? 'too_many_requests' : status === 500 ? 'internal' : 'bad_request';
    void reply.status(status).send({ error: { code, message: status === 500 ? 'Internal error' : error.message } });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.slice(0, 200)}` } });
  });

  // The app calls the hub from its own origin (congvu://app, or the browser build's): CORS for
  // any origin is safe here, as requests carry a bearer token, never cookies. Set again on the way
  // out, so that answers made before any hook ran (framework errors) carry it too.
  app.addHook('onSend', async (_request, reply, payload) => {
    void reply.headers(ALWAYS_HEADERS);
    return payload;
  });
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    void reply.headers(ALWAYS_HEADERS);
    // The console (/admin) is same-origin only: no preflight is answered for it.
    if (request.method === 'OPTIONS' && !request.url.startsWith('/admin')) {
      await reply
        .status(204)
        .header('access-control-allow-methods', 'GET, HEAD, PUT, POST')
        .header('access-control-allow-headers', 'authorization, content-type')
        .header('access-control-max-age', '600')
        .send();
    }
  });

  // Every route but health and enroll needs a live device token.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (reply.sent) return;
    const path = request.url.split('?')[0]!;
    if (path === `${API_PREFIX}/health` || path === `${API_PREFIX}/enroll` || !path.startsWith(API_PREFIX)) return;
    const token = bearerToken(request.headers.authorization);
    const found = token ? await store.deviceByToken(token) : null;
    if (!found) throw fail(401, 'unauthorized', token ? 'Unknown or revoked device token' : 'Authorization: Bearer <token> is required');
    request.device = found;
  });

  // Text no database stores is refused wherever it enters, before any route reads it.
  // A JSON body can carry them only as \u escapes (raw control characters are not JSON, and bytes
  // that are not UTF-8 decode to U+FFFD), so a body with none is not walked: a batch of records is megabytes.
  const cleanJson = new WeakSet<FastifyRequest>();
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: LIMITS.default }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (!/\\u(?:0000|d[89a-f])/i.test(text)) cleanJson.add(request);
    parseJson(request, text, done);
  });
  app.addHook('preValidation', async (request) => {
    const where = unstorableTextIn(request.params, request.query, cleanJson.has(request) ? undefined : request.body);
    if (where !== null) throw fail(422, 'invalid_text', `Text with a NUL or a broken character is not accepted (${where})`);
  });

  app.get(`${API_PREFIX}/health`, async () => ({ status: 'ok', epoch, formatVersion: FORMAT_VERSION }));

  // Enrollment needs no token: guesses at codes are limited per client address. The route lives
  // in a plugin registered after the limiter, so the limiter sees it.
  void app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (request, context) =>
      fail(429, 'too_many_requests', `Too many ${request.url.startsWith(API_PREFIX) ? 'enrollment' : 'sign-in'} attempts from this address: try again in ${context.after}`),
  });
  void app.register(async (scope) => {
    scope.post(`${API_PREFIX}/enroll`, { bodyLimit: LIMITS.enroll, config: { rateLimit: { max: enrollPerMinute, timeWindow: 60_000 } } }, async (request, reply) => {
      const body = enrollRequestSchema.safeParse(request.body);
      if (!body.success) throw fail(400, 'invalid_request', 'Expected {code, deviceName}');
      const result = await store.enroll(body.data.code, body.data.deviceName);
      if (result === 'invalid') throw fail(401, 'invalid_code', 'The enrollment code is wrong or has expired');
      if (result === 'used') throw fail(409, 'code_used', 'The enrollment code has already been used');
      return reply.status(201).send(result);
    });
  });

  app.get(`${API_PREFIX}/changes`, async (request, reply) => {
    const d = device(request);
    const query = request.query as { cursor?: string; limit?: string; include?: string };
    const limit = query.limit === undefined ? 500 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 5000) throw fail(400, 'bad_limit', 'limit must be an integer from 1 to 5000');
    let after = 0;
    if (query.cursor) {
      const cursor = parseCursor(query.cursor);
      if (!cursor) throw fail(400, 'bad_cursor', 'The cursor is malformed');
      // Another epoch, or a position this hub never reached: the hub was restored or replaced.
      if (cursor.epoch !== epoch || cursor.seq > (await store.maxSeq())) throw fail(409, 'epoch_changed', 'The hub has changed since this cursor was issued: start again from the beginning');
      after = cursor.seq;
    }
    if (query.include !== undefined && query.include !== 'records') throw fail(400, 'bad_include', 'include may only be "records"');
    if (query.include && d.role !== 'reviewer') throw fail(403, 'forbidden', 'Only reviewer devices may read records');
    const { rows, more, remaining } = await store.changesFor(d, after, limit);
    const last = rows.at(-1)?.seq ?? after;
    const records = query.include ? await store.recordsFor(rows.filter((r) => r.kind === 'inspection').map((r) => r.entity_id)) : new Map<string, { record: string; blobs: string[] }>();
    // Stored JSON goes out as it is, spliced in rather than parsed and serialised again: a page of
    // records is megabytes. The reviewer's app hashes each record again itself.
    const items = rows.map((r) => {
      const head = `{"seq":${r.seq},"kind":${JSON.stringify(r.kind)},"id":${JSON.stringify(r.entity_id)}${r.deleted ? ',"deleted":true' : ''},"data":${r.data}`;
      const withRecord = r.kind === 'inspection' ? records.get(r.entity_id) : undefined;
      return withRecord ? `${head},"record":${withRecord.record},"blobs":${JSON.stringify(withRecord.blobs)}}` : `${head}}`;
    });
    return reply.type('application/json').send(`{"items":[${items.join(',')}],"cursor":${JSON.stringify(makeCursor(epoch, last))},"more":${more},"remaining":${remaining}}`);
  });

  // Which of these blobs the hub lacks, in one round trip instead of one HEAD each.
  // Which blobs exist says nothing about their content: HEAD and this stay open to every device, so an uploader can skip what the hub has.
  app.post(`${API_PREFIX}/blobs/missing`, { bodyLimit: LIMITS.missing }, async (request) => {
    device(request);
    const body = blobsMissingRequestSchema.safeParse(request.body);
    if (!body.success) throw fail(400, 'invalid_request', 'Expected {hashes: [sha256, …]} (at most 1000)');
    return { missing: await store.missingBlobs(body.data.hashes) };
  });

  app.head(`${API_PREFIX}/blobs/:sha256`, async (request, reply) => {
    device(request);
    return reply.status((await store.hasBlob(shaParam(request))) ? 200 : 404).send();
  });

  app.get(`${API_PREFIX}/blobs/:sha256`, async (request, reply) => {
    const d = device(request);
    const sha = shaParam(request);
    // Photo hashes are printed in every PDF: an inspector reads only the blobs of its own records.
    if (d.role === 'inspector' && !(await inspectorMayReadBlob(store.db, d.id, sha))) throw fail(403, 'forbidden', 'This blob belongs to another device');
    const data = await store.getBlob(sha);
    if (!data) throw fail(404, 'not_found', 'No such blob');
    return reply.type('application/octet-stream').send(Buffer.from(data));
  });

  app.put(`${API_PREFIX}/blobs/:sha256`, { bodyLimit: maxBlobBytes }, async (request, reply) => {
    device(request);
    const sha = shaParam(request);
    if (!Buffer.isBuffer(request.body)) throw fail(415, 'unsupported_media_type', 'Send the bytes as application/octet-stream');
    const bytes = new Uint8Array(request.body.buffer, request.body.byteOffset, request.body.byteLength);
    const result = await store.putBlob(sha, bytes);
    if (result === 'mismatch') throw fail(422, 'hash_mismatch', 'The bytes do not hash to the address');
    return reply.status(result === 'created' ? 201 : 200).send({ sha256: sha, size: bytes.byteLength });
  });

  /**
   * What can be said of a pushed record before the transaction: a retry of a revision already held
   * is answered by hashing the record as it came, which is much cheaper than checking it again (a
   * re-sync sends every record again); anything else must pass the record checks.
   */
  const judgePush = async (d: Device, owners: ReadonlyMap<string, string>, id: string, body: unknown): Promise<{ answer: PushResult } | { request: PushRequest }> => {
    const revision = revisionSchema.safeParse((body as { revision?: unknown } | null)?.revision).data;
    const owner = owners.get(id);
    if (owner !== undefined && owner !== d.id) return { answer: { id, status: 403, error: notOwner(id).body.error } };
    // Before the retry shortcut: an upper-case copy of a held id is refused as such, not as a conflict.
    const recordId = (body as { record?: { inspection?: { id?: unknown } } } | null)?.record?.inspection?.id;
    if (typeof recordId === 'string' && recordId !== recordId.toLowerCase()) return { answer: { id, status: 422, error: { code: 'non_canonical_id', message: 'The inspection id must be written in lower case' } } };
    if (uuidV7Schema.safeParse(id).success && revision !== undefined) {
      const held = await store.heldHash(id, revision);
      if (held !== null) {
        if (sameHeldRecord(body, held)) return { answer: { id, status: 200, revision, contentHash: held } };
        return { answer: { id, status: 409, error: { code: 'conflict', message: `Revision ${revision} of ${id} is already held with other content` } } };
      }
    }
    const check = checkPushRequest(id, body, sha256Text);
    if (!check.ok) return { answer: { id, status: check.code === 'bad_id' ? 400 : 422, error: { code: check.code, message: check.message, ...(check.issues ? { issues: check.issues } : {}) } } };
    return { request: check.request };
  };

  const pushResult = (id: string, outcome: PushOutcome): PushResult => ('error' in outcome.body ? { id, status: outcome.status, error: outcome.body.error } : { status: outcome.status, ...outcome.body });

  // Several blobs in one request (see shared/sync/blob-batch.ts); each is checked and stored on its own.
  app.post(`${API_PREFIX}/blobs`, { bodyLimit: BLOB_BATCH_MAX_BYTES }, async (request) => {
    device(request);
    if (!Buffer.isBuffer(request.body)) throw fail(415, 'unsupported_media_type', `Send the blobs as ${BLOB_BATCH_MEDIA_TYPE}`);
    const parsed = parseBlobBatch(new Uint8Array(request.body.buffer, request.body.byteOffset, request.body.byteLength));
    if (!parsed.ok) throw fail(400, 'invalid_batch', parsed.message);
    // A blob over the limit is refused on its own, as its own PUT would be (413); the others are stored.
    const results = await Promise.all(parsed.blobs.map(async (b) => ({ sha256: b.sha256, status: b.bytes.byteLength > maxBlobBytes ? ('too_large' as const) : await store.putBlob(b.sha256, b.bytes) })));
    return { results };
  });

  app.put(`${API_PREFIX}/inspections/:id`, { bodyLimit: LIMITS.push }, async (request, reply) => {
    const d = requireRole(request, 'inspector');
    const id = idParam(request);
    const judged = await judgePush(d, await store.ownersOf([id]), id, request.body);
    if ('answer' in judged) {
      const { status, error, ...ok } = judged.answer;
      if (error) throw fail(status, error.code, error.message, error.issues ? { issues: error.issues } : {});
      return reply.status(status).send(ok);
    }
    const [outcome] = await store.putInspections(d.id, [judged.request]);
    return reply.status(outcome!.status).send(outcome!.body);
  });

  // Many records at once: each item answered as its own PUT would be, the accepted ones committed together.
  app.post(`${API_PREFIX}/inspections`, { bodyLimit: LIMITS.push }, async (request) => {
    const d = requireRole(request, 'inspector');
    const body = pushBatchRequestSchema.safeParse(request.body);
    if (!body.success) throw fail(400, 'invalid_request', `Expected {items: [{id, formatVersion, revision, contentHash, record, blobs}, …]} (1 to ${PUSH_BATCH_MAX_ITEMS})`);
    const results: Array<PushResult | undefined> = [];
    const accepted: Array<{ at: number; request: PushRequest }> = [];
    // Owners read in one query for the lot; the transaction checks them again.
    const owners = await store.ownersOf(body.data.items.map((item) => item.id.toLowerCase()));
    for (const [at, item] of body.data.items.entries()) {
      const judged = await judgePush(d, owners, item.id.toLowerCase(), item);
      if ('answer' in judged) results[at] = judged.answer;
      else accepted.push({ at, request: judged.request });
    }
    const outcomes = accepted.length ? await store.putInspections(d.id, accepted.map((a) => a.request)) : [];
    accepted.forEach((a, k) => (results[a.at] = pushResult(a.request.record.inspection.id, outcomes[k]!)));
    return { results };
  });

  app.put(`${API_PREFIX}/inspections/:id/report`, { bodyLimit: LIMITS.report }, async (request, reply) => {
    const d = requireRole(request, 'inspector');
    const id = idParam(request);
    if (!uuidV7Schema.safeParse(id).success) throw fail(400, 'bad_id', 'The inspection id must be a UUIDv7');
    const body = reportRequestSchema.safeParse(request.body);
    if (!body.success) throw fail(422, 'invalid_request', 'Expected {revision, sha256}');
    const outcome = await store.reports.put(d.id, id, body.data.revision, body.data.sha256);
    if (!('body' in outcome)) {
      const { problems, missingBlobs, signers } = outcome;
      throw fail(outcome.status, outcome.code, outcome.message, { ...(problems ? { problems } : {}), ...(missingBlobs ? { missingBlobs } : {}), ...(signers ? { signers } : {}) });
    }
    return reply.status(outcome.status).send(outcome.body);
  });

  app.get(`${API_PREFIX}/inspections/:id`, async (request) => {
    requireRole(request, 'reviewer');
    const id = idParam(request);
    const revision = (request.query as { revision?: string }).revision;
    const rev = revision === undefined ? undefined : Number(revision);
    if (rev !== undefined && !revisionSchema.safeParse(rev).success) throw fail(400, 'bad_revision', `revision must be an integer from 1 to ${MAX_REVISION}`);
    const found = await store.getInspection(id, rev);
    if (!found) throw fail(404, 'not_found', 'No such inspection');
    return found;
  });

  app.post(`${API_PREFIX}/inspections/:id/reviews`, { bodyLimit: LIMITS.review }, async (request, reply) => {
    const d = requireRole(request, 'reviewer');
    const body = reviewRequestSchema.safeParse(request.body);
    if (!body.success) throw fail(422, 'invalid_review', 'Expected {status: received|has-issues|approved|rejected, comment, id?, revision?}');
    const review = await store.addReview(d, idParam(request), body.data);
    if (!review) throw fail(404, 'not_found', body.data.revision ? 'No such inspection revision' : 'No such inspection');
    if (review === 'conflict') throw fail(409, 'conflict', 'A review with this id already exists for another inspection');
    return reply.status(201).send(review);
  });

  if (consoleOptions) registerConsole(app, store, epoch, consoleOptions);
  return app;
}
