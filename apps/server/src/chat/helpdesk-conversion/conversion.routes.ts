import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { isoTime } from '../../platform/http/format.js';
import { baseUrlOf } from '../../platform/http/pagination.js';
import { chatContextOf } from '../api.js';
import { findAppId, findConversationById, presentConversation } from '../conversations/index.js';
import { findHelpdeskConnection } from '../helpdesk/index.js';
import { convertConversation } from './commands/convert-conversation.js';
import { saveFieldMappings } from './commands/save-field-mappings.js';
import {
  buildConversionPreview,
  checkMappingHealth,
  describeTicketFieldMapping,
} from './conversion.queries.js';
import { findConversion } from './conversion.repository.js';
import { assertCanConvert, assertCanManageMapping } from './conversion.policy.js';
import { presentConversionState } from './conversion.presenter.js';
import { conversionParams, convertBody, fieldMappingsBody } from './conversion.schemas.js';

const tags = ['helpdesk'];

/** Field mapping and its health (admins), the conversion dialog and convert (agents). */
export const conversionRouteRecipes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/integrations/helpdesk/ticket-fields',
    { schema: { tags, summary: "The helpdesk's ticket fields, their mapping, Chat's attributes, warnings" } },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanManageMapping(ctx.actor);
      return describeTicketFieldMapping(ctx);
    },
  );

  app.put(
    '/integrations/helpdesk/field-mappings',
    {
      schema: {
        tags,
        summary: 'Replace the field mapping (incompatible pairs refused)',
        body: fieldMappingsBody,
      },
    },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanManageMapping(ctx.actor);
      return saveFieldMappings(ctx, request.body);
    },
  );

  app.get(
    '/integrations/helpdesk/mapping-health',
    { schema: { tags, summary: 'Mapping health: required fields unmapped, mapped fields gone or changed' } },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanManageMapping(ctx.actor);
      return checkMappingHealth(ctx);
    },
  );

  app.get(
    '/conversations/:id/ticket-conversion/preview',
    {
      schema: {
        tags,
        summary: 'The conversion dialog: prefilled fields, recent tickets, warnings',
        params: conversionParams,
      },
    },
    async (request) => {
      const ctx = chatContextOf(request);
      const conversation = await findConversationById(ctx.db, request.params.id);
      if (!conversation) throw notFound();
      assertCanConvert(ctx.actor, conversation);
      return buildConversionPreview(ctx, conversation.id, baseUrlOf(request, ctx.services.config.publicUrl));
    },
  );

  app.get(
    '/conversations/:id/ticket-conversion',
    {
      schema: {
        tags,
        summary: "The conversion's state, last error and ticket; whether converting is offered or mandatory",
        params: conversionParams,
      },
    },
    async (request) => {
      const ctx = chatContextOf(request);
      const conversation = await findConversationById(ctx.db, request.params.id);
      if (!conversation) throw notFound();
      assertCanConvert(ctx.actor, conversation);
      const [conversion, connection] = await Promise.all([
        findConversion(ctx.db, conversation.id),
        findHelpdeskConnection(ctx.db),
      ]);
      return {
        ...presentConversionState(conversation, conversion),
        // What the Resolve button needs: may it offer conversion, must it (I4)?
        integration: {
          connected: connection !== undefined,
          conversion_mandatory: connection?.conversion_mandatory ?? false,
        },
      };
    },
  );

  app.post(
    '/conversations/:id/ticket-conversion',
    {
      schema: {
        tags,
        summary: 'Convert into a new ticket or add to an existing one (202 when queued after a rate limit)',
        params: conversionParams,
        body: convertBody,
      },
    },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      const conversation = await findConversationById(ctx.db, request.params.id);
      if (!conversation) throw notFound();
      assertCanConvert(ctx.actor, conversation);
      const body = request.body;
      const outcome = await convertConversation(ctx, conversation.id, {
        mode: body.mode,
        ticket_id: body.ticket_id,
        fields: body.fields,
        resolve: body.resolve,
        chat_url: baseUrlOf(request, ctx.services.config.publicUrl),
      });
      if (outcome.state === 'queued') {
        reply.code(202);
        return {
          state: 'queued',
          run_at: isoTime(outcome.runAt),
          conversion: presentConversionState(conversation, await findConversion(ctx.db, conversation.id)),
        };
      }
      reply.code(201);
      return {
        ticket: outcome.ticket,
        conversation: presentConversation(outcome.conversation, await findAppId(ctx.db)),
      };
    },
  );
};
