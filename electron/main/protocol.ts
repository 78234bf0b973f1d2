import { createStaticHandler, type StaticHandler } from '../../node-shared/http/static-handler';
import { APP_HOST } from './app-origin';

export { createStaticHandler, type StaticHandler };

/** Serves the built renderer for congvu://app/… (see createStaticHandler). */
export function createAppProtocolHandler(rendererDir: string): StaticHandler {
  return createStaticHandler(rendererDir, { host: APP_HOST });
}
