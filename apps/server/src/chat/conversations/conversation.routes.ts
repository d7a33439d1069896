import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { chatContextOf } from '../api.js';
import { createConversation } from './commands/create-conversation.js';
import { sendMessage } from './commands/send-message.js';
import { updateConversation } from './commands/update-conversation.js';
import { decodeConversationCursor, encodeConversationCursor } from './conversation.cursor.js';
import { assertCanSendAs, mineViewAgentId } from './conversation.policy.js';
import { presentConversation, presentMessage } from './conversation.presenter.js';
import {
  findAppId,
  findConversationById,
  listConversations,
  listMessages,
} from './conversation.repository.js';
import {
  conversationParams,
  createConversationBody,
  listConversationsQuery,
  listMessagesQuery,
  sendMessageBody,
  updateConversationBody,
} from './conversation.schemas.js';

const tags = ['conversations'];

/** Conversations and their messages over REST (C6; chat-v2.md B3, B4). */
export const conversationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/conversations',
    { schema: { tags, summary: 'Create a conversation', body: createConversationBody } },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      for (const message of request.body.messages ?? [])
        assertCanSendAs(ctx.actor, message.actor_type, message.actor_id);
      const { conversation } = await createConversation(ctx, request.body, 'api');
      reply.code(201).header('location', `/v2/conversations/${conversation.id}`);
      return presentConversation(conversation, await findAppId(ctx.db));
    },
  );

  app.get(
    '/conversations',
    {
      schema: {
        tags,
        summary: 'List conversations of a view, newest activity first (keyset pagination)',
        querystring: listConversationsQuery,
      },
    },
    async (request) => {
      const ctx = chatContextOf(request);
      const query = request.query;
      const agentId = query.view === 'mine' ? mineViewAgentId(ctx.actor, query.agent_id) : query.agent_id;
      const after = query.cursor ? decodeConversationCursor(query.cursor) : undefined;
      const [rows, appId] = await Promise.all([
        listConversations(
          ctx.db,
          { view: query.view, agentId, groupId: query.group_id, siteId: query.site_id },
          after,
          query.limit + 1,
        ),
        findAppId(ctx.db),
      ]);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        conversations: page.map((row) => presentConversation(row, appId)),
        next_cursor:
          rows.length > query.limit && last
            ? encodeConversationCursor({ updatedAt: last.sort_key, id: last.id })
            : null,
      };
    },
  );

  app.get(
    '/conversations/:id',
    { schema: { tags, summary: 'View a conversation', params: conversationParams } },
    async (request) => {
      const ctx = chatContextOf(request);
      const [conversation, appId] = await Promise.all([
        findConversationById(ctx.db, request.params.id),
        findAppId(ctx.db),
      ]);
      if (!conversation) throw notFound();
      return presentConversation(conversation, appId);
    },
  );

  app.put(
    '/conversations/:id',
    {
      schema: {
        tags,
        summary: 'Update status, assignment or properties of a conversation',
        params: conversationParams,
        body: updateConversationBody,
      },
    },
    async (request) => {
      const ctx = chatContextOf(request);
      const { conversation } = await updateConversation(ctx, request.params.id, request.body);
      return presentConversation(conversation, await findAppId(ctx.db));
    },
  );

  app.get(
    '/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'List messages after a sequence number, oldest first',
        params: conversationParams,
        querystring: listMessagesQuery,
      },
    },
    async (request) => {
      const ctx = chatContextOf(request);
      const { after_seq: afterSeq, limit } = request.query;
      const [conversation, appId] = await Promise.all([
        findConversationById(ctx.db, request.params.id),
        findAppId(ctx.db),
      ]);
      if (!conversation) throw notFound();
      const rows = await listMessages(ctx.db, conversation.id, afterSeq, limit + 1);
      const page = rows.slice(0, limit);
      return {
        messages: page.map((row) => presentMessage(row, conversation, appId)),
        next_after_seq: rows.length > limit ? (page.at(-1)?.seq ?? null) : null,
      };
    },
  );

  app.post(
    '/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Send a message (idempotent by client_message_id)',
        params: conversationParams,
        body: sendMessageBody,
      },
    },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      const body = request.body;
      assertCanSendAs(ctx.actor, body.actor_type, body.actor_id);
      const result = await sendMessage(ctx, {
        conversationId: request.params.id,
        actorType: body.actor_type,
        actorId: body.actor_id,
        messageType: body.message_type,
        messageParts: body.message_parts,
        clientMessageId: body.client_message_id,
        source: 'api',
      });
      // 201 for a new message; a resend gets the original acknowledgement with 200.
      reply.code(result.created ? 201 : 200);
      return presentMessage(result.message, result.conversation, await findAppId(ctx.db));
    },
  );
};
