import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import {
  agentAppDist,
  assetContentType,
  DEFAULT_AGENT_APP_DIST_DIR,
  type AgentAppDist,
} from './agent-app.dist.js';

export interface AgentAppRoutesOptions {
  /** The built UI (apps/agent-ui/dist/desk by default). */
  dist?: AgentAppDist;
  /** The linked Chat's origin, when the chat channel is on: the one origin /a may frame (D8). */
  chatOrigin?: () => Promise<string | undefined>;
}

/**
 * The agent UI's Content-Security-Policy: its own scripts, styles and API only, no inline code,
 * never framed itself; it may frame only the linked Chat's origin (the docked chat panel, D8).
 */
export function agentAppCsp(chatOrigin?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    `frame-src ${chatOrigin ?? "'none'"}`,
    "base-uri 'none'",
    "object-src 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy without a chat channel. */
export const AGENT_APP_CSP = agentAppCsp();

const notBuilt = (reply: FastifyReply) =>
  reply
    .code(503)
    .type('text/plain; charset=utf-8')
    .send(
      'The Desk agent UI is not built: run `npm run build` (or `npm run build -w apps/agent-ui`) and reload.',
    );

/**
 * Serves the Desk agent UI (a single-page app built by apps/agent-ui `--mode desk`): /a and every
 * /a/* path answer index.html (the app routes in the browser), /a/assets/* the hashed files,
 * cached for a year. Outside /api/v2: no credentials here; the app signs in through /api/_session.
 */
export const agentAppRoutes: FastifyPluginAsync<AgentAppRoutesOptions> = async (app, options) => {
  const dist = options.dist ?? agentAppDist(DEFAULT_AGENT_APP_DIST_DIR);

  const page = async (_request: unknown, reply: FastifyReply) => {
    const file = await dist.index();
    if (!file) return notBuilt(reply);
    let chatOrigin: string | undefined;
    try {
      chatOrigin = await options.chatOrigin?.();
    } catch (error) {
      // The app still loads (without the chat panel) when the settings cannot be read.
      reply.log.warn({ err: error }, 'chat panel origin unavailable');
    }
    return reply
      .header('content-security-policy', agentAppCsp(chatOrigin))
      .header('x-frame-options', 'DENY')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .header('cache-control', 'no-cache')
      .header('etag', file.etag)
      .type('text/html; charset=utf-8')
      .send(file.body);
  };
  app.get('/a', { schema: { hide: true } }, page);
  app.get('/a/*', { schema: { hide: true } }, page);

  app.get<{ Params: { file: string } }>(
    '/a/assets/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const name = request.params.file;
      const file = await dist.asset(name);
      if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('etag', file.etag)
        .header('x-content-type-options', 'nosniff');
      if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
      return reply.type(assetContentType(name)!).send(file.body);
    },
  );
};
