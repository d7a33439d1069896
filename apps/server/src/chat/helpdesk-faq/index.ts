import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import type { JobHandler } from '../../platform/jobs/index.js';
import { chatContextOf } from '../api.js';
import type { ChatServices } from '../context.js';
import { assertCanImportFaq } from './faq-import.policy.js';
import { presentFaqImport } from './faq-import.presenter.js';
import { findFaqImport } from './faq-import.repository.js';
import { faqImportParams, startFaqImportBody } from './faq-import.schemas.js';
import { ensureLiveFaqSync, FAQ_SYNC_QUEUE, runLiveFaqSync } from './commands/live-faq-sync.js';
import { performFaqImport } from './commands/perform-faq-import.js';
import { readFaqTree } from './commands/read-faq-tree.js';
import { FAQ_IMPORT_QUEUE, startFaqImport } from './commands/start-faq-import.js';

export { runFaqImport, HELPDESK_SOURCE } from './commands/run-faq-import.js';

const tags = ['integrations'];

/** The helpdesk's knowledge base as Chat's FAQ: tree, imports with progress, live sync (I3, B3). */
export const faqImportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/integrations/helpdesk/faq-tree',
    { schema: { tags, summary: "The helpdesk's categories, folders and published articles to import" } },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanImportFaq(ctx.actor);
      return readFaqTree(ctx);
    },
  );

  app.post(
    '/integrations/helpdesk/faq-imports',
    {
      schema: {
        tags,
        summary:
          'Import picked helpdesk folders and articles into the FAQ (the saved selection without a body)',
        body: startFaqImportBody,
      },
    },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      const actor = assertCanImportFaq(ctx.actor);
      const row = await startFaqImport(ctx, actor, request.body);
      await ensureLiveFaqSync(ctx.services);
      reply.code(202).header('location', `/v2/integrations/helpdesk/faq-imports/${row.id}`);
      return presentFaqImport(row);
    },
  );

  app.get(
    '/integrations/helpdesk/faq-imports/:id',
    { schema: { tags, summary: 'An import and its progress', params: faqImportParams } },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanImportFaq(ctx.actor);
      const row = await findFaqImport(ctx.db, request.params.id);
      if (!row) throw notFound();
      return presentFaqImport(row);
    },
  );
};

/** Job queues this module runs (imports, live sync); live sync's one job is made sure of at start. */
export function faqImportJobHandlers(services: ChatServices): Record<string, JobHandler> {
  // Not awaited: the worker starts either way, and the next import makes sure of it again.
  ensureLiveFaqSync(services).catch(() => undefined);
  return {
    [FAQ_IMPORT_QUEUE]: async (payload) => {
      const { import_id: importId } = payload as { import_id: string };
      await performFaqImport(services, importId);
    },
    [FAQ_SYNC_QUEUE]: async (_payload, job) => runLiveFaqSync(services, job.id),
  };
}
