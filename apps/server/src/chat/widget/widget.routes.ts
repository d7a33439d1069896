import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, fieldError, notFound, type ErrorCode } from '../../platform/http/errors.js';
import { isoTime } from '../../platform/http/format.js';
import { baseUrlOf } from '../../platform/http/pagination.js';
import { chatContextOf, chatServicesOf } from '../api.js';
import { bearerToken } from '../auth/tokens.js';
import type { ChatContext, ChatServices } from '../context.js';
import {
  assertCanSeeConversation,
  conversationParams,
  decodeConversationCursor,
  encodeConversationCursor,
  findConversationById,
  listMessagesForUser,
  listMessagesQuery,
  presentMessageForUser,
} from '../conversations/index.js';
import { submitCsat } from '../csat/index.js';
import { findUserById, updateUser } from '../users/index.js';
import { WidgetAuthError, type WidgetAuthErrorCode } from './commands/authenticate-widget-user.js';
import { endWidgetSession } from './commands/end-widget-session.js';
import { sendWidgetMessage } from './commands/send-widget-message.js';
import { startWidgetConversation } from './commands/start-widget-conversation.js';
import { startWidgetSession } from './commands/start-widget-session.js';
import { assertWidgetSessionRate, requestOrigins, widgetUserOf } from './widget.policy.js';
import {
  asOwnMessage,
  presentWidgetConversation,
  presentWidgetCsat,
  presentWidgetUser,
} from './widget.presenter.js';
import { findConversationOfUser, listConversationsOfUser } from './widget.repository.js';
import {
  createSessionBody,
  listWidgetConversationsQuery,
  updateMeBody,
  widgetCsatBody,
  widgetMessageBody,
  type UpdateMeBody,
} from './widget.schemas.js';

const tags = ['widget'];
/** Widget routes take a widget session token (POST /v2/widget/sessions), never a staff token. */
const widget = { config: { audience: 'widget' as const } };
const security = [{ widgetSession: [] }];

const baseUrl = (request: FastifyRequest, services: ChatServices) =>
  baseUrlOf(request, services.config.publicUrl);

/** A conversation of the widget user; another user's or another site's is absent (404). */
async function loadOwnConversation(ctx: ChatContext, id: string) {
  const conversation = await findConversationById(ctx.db, id);
  if (!conversation) throw notFound();
  assertCanSeeConversation(ctx.actor, conversation);
  return conversation;
}

/** The widget's view of an own conversation: CSAT offer and the assigned agent's public face. */
async function viewConversation(ctx: ChatContext, id: string) {
  const conversation = await loadOwnConversation(ctx, id);
  const row = await findConversationOfUser(ctx.db, widgetUserOf(ctx.actor), conversation.id);
  if (!row) throw notFound();
  return presentWidgetConversation(row);
}

/**
 * The widget's REST surface (the iframe app on customers' pages): start a session, then act as
 * that one user on that one site: their profile, their conversations and messages (never a
 * private note), CSAT. Uploads are POST /v2/widget/files/upload (files module).
 */
export const widgetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/widget/sessions',
    {
      schema: {
        tags,
        summary: 'Start a widget session: new visitor, restore id, or (verified) external id',
        body: createSessionBody,
        security: [],
      },
      config: { public: true },
      // Counted before validation: malformed guesses spend the budget too.
      onRequest: async (request) => assertWidgetSessionRate(chatServicesOf(request), request.ip),
    },
    async (request, reply) => {
      const services = chatServicesOf(request);
      const body = request.body;
      const own = new URL(baseUrl(request, services)).origin;
      try {
        const started = await startWidgetSession(services, {
          ...(body.app_id !== undefined ? { appId: body.app_id } : {}),
          widgetToken: body.widget_token,
          siteId: body.site_id,
          ...(body.restore_id !== undefined ? { restoreId: body.restore_id } : {}),
          ...(body.external_id !== undefined ? { externalId: body.external_id } : {}),
          ...(body.signature !== undefined ? { signature: body.signature } : {}),
          ...(body.jwt !== undefined ? { jwt: body.jwt } : {}),
          origins: requestOrigins(request.headers.origin, own, body.page_origin),
          profile: profileOf(body.user),
        });
        reply.code(201);
        return {
          session_token: started.token,
          expires_time: isoTime(started.expiresAt),
          user: presentWidgetUser(started.user),
          ...(started.restoreId ? { restore_id: started.restoreId } : {}),
        };
      } catch (error) {
        if (error instanceof WidgetAuthError) throw httpErrorOf(error);
        throw error;
      }
    },
  );

  app.delete(
    '/widget/sessions/current',
    { schema: { tags, summary: 'End this widget session', security }, ...widget },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      await endWidgetSession(ctx, bearerToken(request.headers.authorization)!);
      return reply.code(204).send();
    },
  );

  app.get(
    '/widget/me',
    { schema: { tags, summary: 'The widget user', security }, ...widget },
    async (request) => {
      const ctx = chatContextOf(request);
      const user = await findUserById(ctx.db, widgetUserOf(ctx.actor).userId);
      if (!user) throw notFound();
      return presentWidgetUser(user);
    },
  );

  app.put(
    '/widget/me',
    {
      schema: { tags, summary: 'Update own names, email, phone, properties', body: updateMeBody, security },
      ...widget,
    },
    async (request) => {
      const ctx = chatContextOf(request);
      const user = await updateUser(ctx, widgetUserOf(ctx.actor).userId, request.body);
      return presentWidgetUser(user);
    },
  );

  app.get(
    '/widget/conversations',
    {
      schema: {
        tags,
        summary: 'Own conversations on this site, newest activity first (keyset: next_cursor)',
        querystring: listWidgetConversationsQuery,
        security,
      },
      ...widget,
    },
    async (request) => {
      const ctx = chatContextOf(request);
      const { limit, cursor } = request.query;
      const after = cursor ? decodeConversationCursor(cursor) : undefined;
      const rows = await listConversationsOfUser(ctx.db, widgetUserOf(ctx.actor), after, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        conversations: page.map(presentWidgetConversation),
        next_cursor:
          rows.length > limit && last
            ? encodeConversationCursor({ updatedAt: last.sort_key, id: last.id })
            : null,
      };
    },
  );

  app.post(
    '/widget/conversations',
    {
      schema: {
        tags,
        summary: 'Start a conversation with a first message',
        body: widgetMessageBody,
        security,
      },
      ...widget,
    },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      const { userId } = widgetUserOf(ctx.actor);
      const started = await startWidgetConversation(ctx, request.body, baseUrl(request, ctx.services));
      reply.code(started.created ? 201 : 200);
      return {
        // Read back as the widget sees it: a new conversation may be assigned at once (round robin).
        conversation: await viewConversation(ctx, started.conversation.id),
        message: presentMessageForUser(asOwnMessage(started.message, userId)),
      };
    },
  );

  app.get(
    '/widget/conversations/:id',
    { schema: { tags, summary: 'One own conversation', params: conversationParams, security }, ...widget },
    async (request) => viewConversation(chatContextOf(request), request.params.id),
  );

  app.get(
    '/widget/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Messages after a sequence number, oldest first (never private notes)',
        params: conversationParams,
        querystring: listMessagesQuery,
        security,
      },
      ...widget,
    },
    async (request) => {
      const ctx = chatContextOf(request);
      const { after_seq: afterSeq, limit } = request.query;
      const conversation = await loadOwnConversation(ctx, request.params.id);
      const rows = await listMessagesForUser(ctx.db, conversation.id, afterSeq, limit + 1);
      const page = rows.slice(0, limit);
      return {
        messages: page.map(presentMessageForUser),
        next_after_seq: rows.length > limit ? (page.at(-1)?.seq ?? null) : null,
      };
    },
  );

  app.post(
    '/widget/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Send a message as the widget user (idempotent by client_message_id)',
        params: conversationParams,
        body: widgetMessageBody,
        security,
      },
      ...widget,
    },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      const conversation = await loadOwnConversation(ctx, request.params.id);
      const result = await sendWidgetMessage(ctx, conversation, request.body, baseUrl(request, ctx.services));
      reply.code(result.created ? 201 : 200);
      return presentMessageForUser(asOwnMessage(result.message, widgetUserOf(ctx.actor).userId));
    },
  );

  app.post(
    '/widget/conversations/:id/csat',
    {
      schema: {
        tags,
        summary: 'Rate the latest resolve of an own conversation (1–5, optional review)',
        params: conversationParams,
        body: widgetCsatBody,
        security,
      },
      ...widget,
    },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      const conversation = await loadOwnConversation(ctx, request.params.id);
      const row = await submitCsat(ctx, conversation.id, {
        rating: request.body.rating,
        comment: request.body.review ?? null,
      });
      reply.code(201);
      return presentWidgetCsat(row);
    },
  );
};

/** The session body's `user` in the shape the users module's widget upsert takes. */
function profileOf(user: UpdateMeBody | undefined) {
  if (!user) return undefined;
  return {
    ...(user.first_name ? { firstName: user.first_name } : {}),
    ...(user.last_name ? { lastName: user.last_name } : {}),
    ...(user.email ? { email: user.email } : {}),
    ...(user.phone ? { phone: user.phone } : {}),
    ...(user.properties?.length
      ? { properties: Object.fromEntries(user.properties.map((p) => [p.name, p.value])) }
      : {}),
  };
}

const HTTP_CODE: Record<Exclude<WidgetAuthErrorCode, 'unknown_site'>, ErrorCode> = {
  invalid_credentials: 'invalid_credentials',
  signature_required: 'invalid_credentials',
  invalid_signature: 'invalid_credentials',
  token_expired: 'invalid_credentials',
  unknown_session: 'invalid_credentials',
  identity_required: 'invalid_credentials',
  origin_not_allowed: 'access_denied',
  unknown_restore_id: 'not_found',
};

/** A refused widget as Chat's HTTP error: 401 credentials, 403 origin, 404 restore id, 400 site. */
function httpErrorOf(error: WidgetAuthError): AppError {
  if (error.code === 'unknown_site')
    return fieldError('site_id', 'invalid_value', 'There is no site with this id');
  return new AppError(HTTP_CODE[error.code], error.message);
}
