import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { baseUrlOf, paginate, pageOffset } from '../../platform/http/pagination.js';
import { contextOf } from '../api.js';
import type { DeskContext } from '../context.js';
import { createCompany } from './commands/create-company.js';
import { deleteCompany } from './commands/delete-company.js';
import { updateCompany } from './commands/update-company.js';
import { presentCompanyFields } from './company-fields.js';
import {
  assertCanDeleteCompanies,
  assertCanReadCompanies,
  assertCanWriteCompanies,
} from './company.policy.js';
import { presentCompany, presentCompanySuggestion } from './company.presenter.js';
import { autocompleteCompanies, findCompanyById, listCompanies } from './company.repository.js';
import {
  autocompleteCompaniesSchema,
  createCompanySchema,
  listCompaniesSchema,
  updateCompanySchema,
  viewCompanySchema,
} from './company.schemas.js';

const tags = ['companies'];
const AUTOCOMPLETE_LIMIT = 25;

async function loadCompany(ctx: DeskContext, id: number) {
  const company = await findCompanyById(ctx.db, id);
  if (!company) throw notFound();
  return company;
}

export const companiesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/companies',
    { schema: { tags, summary: 'Create a company', ...createCompanySchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanWriteCompanies(ctx.actor);
      const company = await createCompany(ctx, request.body);
      const base = baseUrlOf(request, ctx.services.config.publicUrl);
      reply.status(201).header('location', `${base}/api/v2/companies/${company.id}`);
      return presentCompany(company);
    },
  );

  app.get(
    '/companies',
    { schema: { tags, summary: 'List companies', ...listCompaniesSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanReadCompanies(ctx.actor);
      const q = request.query;
      const rows = await listCompanies(ctx.db, { limit: q.per_page + 1, offset: pageOffset(q) });
      const base = baseUrlOf(request, ctx.services.config.publicUrl);
      return paginate(request, reply, rows, q, base).map(presentCompany);
    },
  );

  app.get(
    '/companies/autocomplete',
    { schema: { tags, summary: 'Autocomplete companies by name', ...autocompleteCompaniesSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadCompanies(ctx.actor);
      const rows = await autocompleteCompanies(ctx.db, request.query.name, AUTOCOMPLETE_LIMIT);
      return { companies: rows.map(presentCompanySuggestion) };
    },
  );

  app.get(
    '/companies/:id',
    { schema: { tags, summary: 'View a company', ...viewCompanySchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadCompanies(ctx.actor);
      return presentCompany(await loadCompany(ctx, request.params.id));
    },
  );

  app.put(
    '/companies/:id',
    { schema: { tags, summary: 'Update a company', ...updateCompanySchema } },
    async (request) => {
      const ctx = contextOf(request);
      const company = await loadCompany(ctx, request.params.id);
      assertCanWriteCompanies(ctx.actor);
      return presentCompany(await updateCompany(ctx, company, request.body));
    },
  );

  app.delete(
    '/companies/:id',
    { schema: { tags, summary: 'Delete a company', ...viewCompanySchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanDeleteCompanies(ctx.actor);
      const company = await loadCompany(ctx, request.params.id);
      await deleteCompany(ctx, company);
      return reply.status(204).send();
    },
  );

  app.get('/company_fields', { schema: { tags, summary: 'List company fields' } }, async (request) => {
    const ctx = contextOf(request);
    assertCanReadCompanies(ctx.actor);
    return presentCompanyFields();
  });
};
