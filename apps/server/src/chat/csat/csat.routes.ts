import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { chatContextOf } from '../api.js';
import { buildCsatReport } from './commands/build-csat-report.js';
import { submitCsat } from './commands/submit-csat.js';
import { assertCanSubmitCsat, assertCanViewCsatReport } from './csat.policy.js';
import { presentCsatResponse } from './csat.presenter.js';
import { csatParams, csatReportQuery, submitCsatBody } from './csat.schemas.js';

const tags = ['csat'];

/** CSAT (C8): a rating once per resolve, and the report. */
export const csatRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/conversations/:id/csat',
    {
      schema: {
        tags,
        summary: 'Rate the latest resolve of a conversation',
        params: csatParams,
        body: submitCsatBody,
      },
    },
    async (request, reply) => {
      const ctx = chatContextOf(request);
      assertCanSubmitCsat(ctx.actor);
      const row = await submitCsat(ctx, request.params.id, request.body);
      reply.code(201);
      return presentCsatResponse(row);
    },
  );

  app.get(
    '/csat/report',
    {
      schema: {
        tags,
        summary: 'CSAT report: average, count, distribution, by agent, by day',
        querystring: csatReportQuery,
      },
    },
    async (request) => {
      const ctx = chatContextOf(request);
      assertCanViewCsatReport(ctx.actor);
      return buildCsatReport(ctx, request.query);
    },
  );
};
