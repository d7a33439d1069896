import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { WidgetBootstrapRefused } from '@tandem/protocol';
import { baseUrlOf } from '../../platform/http/pagination.js';
import { chatServicesOf } from '../api.js';
import type { ChatServices } from '../context.js';
import { anyAgentAvailable } from '../realtime/index.js';
import {
  findSiteById,
  prechatPropertyNames,
  presentWidgetSettingsForWidget,
  readWidgetSettings,
} from '../sites/index.js';
import { listUserProperties } from '../user-properties/index.js';
import { findAccountOfWidgetToken } from '../widget/index.js';
import { frameCsp, frameLanguage, framePage, unknownWidgetPage } from './frame-page.js';
import { frameAncestorsOf, siteAllowsOrigin } from './widget-assets.policy.js';
import { presentWidgetBootstrap } from './widget-assets.presenter.js';
import { assetParams, bootstrapQuery, frameQuery } from './widget-assets.schemas.js';
import { assetContentType, WidgetNotBuiltError, type WidgetDist } from './widget-dist.js';

const tags = ['widget'];

/** Chat's public base URL: CHAT_PUBLIC_URL, else what the request was addressed to. */
function ownUrl(request: FastifyRequest, services: ChatServices): URL {
  try {
    return new URL(baseUrlOf(request, services.config.publicUrl));
  } catch {
    // A Host header no URL can hold: nothing of it goes into the page or its policy.
    return new URL('http://invalid.invalid');
  }
}

/** `https://Example.com:443` → `https://example.com`, as sites store origins; else as sent. */
function normalizeOrigin(value: string): string {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? value : origin;
  } catch {
    return value;
  }
}

/** The widget is not built: 503 in plain words (the operator reads it, not a program). */
function notBuilt(reply: FastifyReply, error: unknown) {
  if (!(error instanceof WidgetNotBuiltError)) throw error;
  reply.log.error(error.message);
  return reply
    .code(503)
    .type('text/plain; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(error.message);
}

export interface WidgetAssetRoutesOptions {
  dist: WidgetDist;
  services: ChatServices;
}

/**
 * What a customer's page loads from Chat: /widget.js (the loader), /widget/frame (the iframe's
 * page, with a CSP whose frame-ancestors are the site's allowed origins) and /widget/assets/*
 * (the frame app's hashed files, cached for a year). Outside /v2: no credentials, no JSON.
 */
export const widgetAssetRoutes: FastifyPluginAsyncZod<WidgetAssetRoutesOptions> = async (app, options) => {
  const { dist, services } = options;

  app.get('/widget.js', { schema: { hide: true } }, async (request, reply) => {
    try {
      const file = await dist.loader();
      reply
        .header('cache-control', 'public, max-age=300')
        .header('etag', file.etag)
        .header('access-control-allow-origin', '*')
        .header('x-content-type-options', 'nosniff');
      if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
      return reply.type('text/javascript; charset=utf-8').send(file.body);
    } catch (error) {
      return notBuilt(reply, error);
    }
  });

  app.get('/widget/frame', { schema: { hide: true, querystring: frameQuery } }, async (request, reply) => {
    const { token, site_id: siteId, locale } = request.query;
    const [account, site] = await Promise.all([
      findAccountOfWidgetToken(services.db, token),
      findSiteById(services.db, siteId),
    ]);
    reply
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .type('text/html; charset=utf-8');
    if (!account || !site) {
      reply.header('content-security-policy', "default-src 'none'");
      return reply
        .code(404)
        .send(
          unknownWidgetPage(
            !account
              ? 'This chat widget has an unknown widget token: check the token given to TandemChat.init.'
              : `This chat widget names an unknown site "${siteId}": check the siteId given to TandemChat.init.`,
          ),
        );
    }
    let manifest;
    try {
      manifest = await dist.manifest();
    } catch (error) {
      return notBuilt(reply, error);
    }
    const own = ownUrl(request, services);
    // The Host header is the client's to set: only a plain host[:port] goes into the policy.
    const host = /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/.test(own.host) ? own.host : undefined;
    const csp = frameCsp({
      host: host ?? 'invalid.invalid',
      secure: own.protocol === 'https:',
      frameAncestors: frameAncestorsOf(site),
    });
    return reply
      .header('content-security-policy', csp)
      .send(framePage(manifest, frameLanguage(locale, request.headers['accept-language'])));
  });

  app.get('/widget/assets/:file', { schema: { hide: true, params: assetParams } }, async (request, reply) => {
    const type = assetContentType(request.params.file);
    const file = type ? await dist.asset(request.params.file) : undefined;
    if (!file) {
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .send('Not found');
    }
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', file.etag)
      .header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
    return reply.type(type!).send(file.body);
  });
};

/**
 * `GET /v2/widget/bootstrap`: what the loader asks before drawing anything. Public; the asking
 * page's Origin is answered with CORS (refusals too, so the loader can print why) and checked
 * against the site's allowed origins.
 */
export const widgetBootstrapRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/widget/bootstrap',
    {
      schema: {
        tags,
        summary: "Whether this page may show the site's widget, and what the widget needs to draw",
        querystring: bootstrapQuery,
        security: [],
      },
      config: { public: true },
    },
    async (request, reply) => {
      const services = chatServicesOf(request);
      const { token, site_id: siteId } = request.query;
      const origin = request.headers.origin;
      if (origin !== undefined) reply.header('access-control-allow-origin', origin);
      reply.header('vary', 'Origin').header('cache-control', 'no-store');
      const refuse = (status: number, body: Omit<WidgetBootstrapRefused, 'allowed'>) =>
        reply.code(status).send({ allowed: false, ...body } satisfies WidgetBootstrapRefused);

      const [account, site] = await Promise.all([
        findAccountOfWidgetToken(services.db, token),
        findSiteById(services.db, siteId),
      ]);
      if (!account)
        return refuse(401, {
          code: 'invalid_credentials',
          message:
            'The widget token is wrong: use the widget_token of GET /v2/accounts/configuration (Admin > Account settings).',
        });
      if (!site)
        return refuse(404, {
          code: 'unknown_site',
          message: `There is no site "${siteId}": create it (POST /v2/sites) or fix the siteId given to TandemChat.init.`,
        });
      if (origin !== undefined) {
        const pageOrigin = normalizeOrigin(origin);
        if (!siteAllowsOrigin(site, pageOrigin, ownUrl(request, services).origin))
          return refuse(403, {
            code: 'origin_not_allowed',
            message:
              site.allowed_origins.length > 0
                ? `The origin ${pageOrigin} is not allowed for the site "${site.id}": add it to the site's allowed_origins (PUT /v2/sites/${site.id}).`
                : `The origin ${pageOrigin} may not embed the site "${site.id}": a site without allowed_origins runs only on https pages and http://localhost; add the origin to its allowed_origins (PUT /v2/sites/${site.id}).`,
          });
      }
      const settings = readWidgetSettings(site);
      const [teamAvailable, definitions] = await Promise.all([
        anyAgentAvailable(services.db),
        // The pre-chat form's cf_ fields carry their definitions (type, choices) to the frame.
        prechatPropertyNames(settings).length > 0 ? listUserProperties(services.db) : [],
      ]);
      return presentWidgetBootstrap({
        appId: account.app_id,
        site,
        teamAvailable,
        identityVerification: account.identity_verification,
        uploadMaxBytes: services.config.uploadMaxBytes,
        widgetSettings: presentWidgetSettingsForWidget(settings, definitions),
      });
    },
  );
};
