import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { baseUrlOf } from '../../platform/http/pagination.js';
import { inboxCsp, policyHost } from './agent-app.csp.js';
import { agentAppContentType, AgentAppNotBuiltError, type AgentAppDist } from './agent-app-dist.js';

export interface AgentAppRoutesOptions {
  dist: AgentAppDist;
  /** CHAT_PUBLIC_URL: the socket's host in the policy; else the request's own host. */
  publicUrl: string | undefined;
  /** Who may frame /inbox/panel (Desk's chat panel); without it the panel is never framed. */
  panelAncestors?: () => Promise<string[]>;
}

/** The chat panel's page: /inbox/panel (the inbox in panel mode, framed by the helpdesk). */
const isPanelPath = (url: string) => /^\/inbox\/panel\/?(?:[?#]|$)/.test(url);

const assetParams = z.object({ file: z.string().max(200) });

function notFound(reply: FastifyReply) {
  return reply
    .code(404)
    .type('text/plain; charset=utf-8')
    .header('cache-control', 'no-store')
    .send('Not found');
}

/**
 * The Chat inbox (apps/agent-ui, `--mode inbox`): /inbox and every /inbox/* client route get
 * index.html under a strict CSP; /inbox/assets/* are the build's hashed files, cached for a
 * year; /invitations/:token (the link an invited agent gets) opens the inbox's password page.
 */
export const agentAppRoutes: FastifyPluginAsyncZod<AgentAppRoutesOptions> = async (app, options) => {
  const { dist, publicUrl, panelAncestors } = options;

  async function page(request: FastifyRequest, reply: FastifyReply) {
    let file;
    try {
      file = await dist.index();
    } catch (error) {
      if (!(error instanceof AgentAppNotBuiltError)) throw error;
      reply.log.error(error.message);
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(error.message);
    }
    let own: URL;
    try {
      own = new URL(baseUrlOf(request, publicUrl));
    } catch {
      own = new URL('http://invalid.invalid');
    }
    const panel = isPanelPath(request.url);
    const frameAncestors = panel && panelAncestors ? await panelAncestors() : [];
    reply
      .header(
        'content-security-policy',
        inboxCsp({ host: policyHost(own.host), secure: own.protocol === 'https:', frameAncestors }),
      )
      .header('cache-control', 'no-cache')
      .header('etag', file.etag)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin');
    // X-Frame-Options cannot name an origin: the panel relies on frame-ancestors alone.
    if (!frameAncestors.length) reply.header('x-frame-options', 'DENY');
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
    return reply.type('text/html; charset=utf-8').send(file.body);
  }

  app.get('/inbox', { schema: { hide: true } }, page);
  app.get('/invitations/:token', { schema: { hide: true } }, page);

  app.get('/inbox/assets/:file', { schema: { hide: true, params: assetParams } }, async (request, reply) => {
    const type = agentAppContentType(request.params.file);
    const file = type ? await dist.asset(request.params.file) : undefined;
    if (!file) return notFound(reply);
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', file.etag)
      .header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
    return reply.type(type!).send(file.body);
  });

  // Every other path under /inbox is a client-side route (deep links, reloads).
  app.get('/inbox/*', { schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/inbox/assets/')) return notFound(reply);
    return page(request, reply);
  });
};
