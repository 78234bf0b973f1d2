import Fastify, { type FastifyInstance } from 'fastify';
import { FORMAT_VERSION } from '@shared/format-version';

export interface HubOptions {
  /** Identifies this hub's data: a hub restored from a backup gets a new epoch, which clients notice. */
  epoch: string;
  logger?: boolean;
}

/** Every error leaves the hub as `{error: {code, message}}`; malformed input is a 4xx, never a 5xx. */
export function buildHub({ epoch, logger = false }: HubOptions): FastifyInstance {
  const app = Fastify({ logger, bodyLimit: 1024 * 1024 });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, _request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) app.log.error(error);
    void reply.status(status).send({
      error: { code: status === 500 ? 'internal' : (error.code ?? 'bad_request'), message: status === 500 ? 'Internal error' : error.message },
    });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url}` } });
  });

  app.get('/api/v1/health', async () => ({ status: 'ok', epoch, formatVersion: FORMAT_VERSION }));

  return app;
}
