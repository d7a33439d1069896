import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import FindMyWay from 'find-my-way';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from './errors.js';
import { zodValidatorCompiler } from './validation.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route serves files of any type, so any `Accept` is fine (attachment downloads). */
    anyAccept?: boolean;
    /** The route answers without credentials (OpenAPI documents, widget bootstrap). */
    public?: boolean;
  }
}

export interface HttpServerOptions {
  logger: FastifyServerOptions['logger'];
  /** Maximum request body size in bytes (JSON and multipart). */
  bodyLimit: number;
  /** Path prefix of the JSON API; 404/405/406 JSON answers apply under it. */
  apiPrefix: string;
  /** The product's error body; Freshdesk's shapes unless a product speaks another API. */
  errorBody?: (error: AppError) => Record<string, unknown>;
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

/**
 * A Fastify instance with the house rules every product shares: zod validation with
 * Freshdesk-shaped errors, JSON bodies on every error, 405 for a known path with the wrong verb,
 * 406/415 content negotiation, request ids. It never listens: main.ts does.
 */
export function createHttpServer(options: HttpServerOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger,
    bodyLimit: options.bodyLimit,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Every path → its verbs, so an unknown verb on a known path answers 405 instead of 404.
  const routeTable = FindMyWay({ ignoreTrailingSlash: true });
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      if (!routeTable.hasRoute(method as 'GET', route.url))
        routeTable.on(method as 'GET', route.url, () => {});
    }
  });

  // An empty JSON body is accepted (PUT /restore, make_agent); anything else must parse.
  // Bodies are JSON (or multipart where a plugin adds it); text/plain would slip past validation.
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AppError('invalid_json'), undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (!request.url.startsWith(options.apiPrefix) || request.routeOptions.config?.anyAccept) return;
    const accept = request.headers.accept;
    if (accept && !/(application\/json|application\/\*|\*\/\*)/i.test(accept))
      throw new AppError('not_acceptable');
  });

  app.setNotFoundHandler(async (request) => {
    const path = request.url.split('?')[0]!;
    const allowed = HTTP_METHODS.filter((m) => m !== request.method && routeTable.find(m, path));
    if (allowed.length > 0) {
      throw new AppError('method_not_allowed', undefined, [], undefined, { allow: allowed.join(', ') });
    }
    throw new AppError('not_found');
  });

  app.setErrorHandler(async (error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    for (const [name, value] of Object.entries(appError.headers)) reply.header(name, value);
    return reply
      .status(appError.status)
      .send(options.errorBody ? options.errorBody(appError) : appError.body());
  });

  return app;
}

/** Fastify's own errors (body too large, bad media type, bad JSON) mapped to stable codes. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as { code?: string; statusCode?: number; message?: string };
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('invalid_content_type');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
      return new AppError('payload_too_large');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid_json');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('invalid_content_type');
  }
  if (e.statusCode === 404) return new AppError('not_found');
  if (e.statusCode === 415) return new AppError('invalid_content_type');
  if (e.statusCode === 413) return new AppError('payload_too_large');
  return new AppError('internal_error');
}
