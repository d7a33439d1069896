import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/http/errors.js';
import { baseUrlOf } from '../../platform/http/pagination.js';
import { contextOf } from '../api.js';
import type { DeskContext } from '../context.js';
import { createArticle } from './commands/create-article.js';
import { createCategory } from './commands/create-category.js';
import { createFolder } from './commands/create-folder.js';
import { deleteArticle } from './commands/delete-article.js';
import { deleteCategory } from './commands/delete-category.js';
import { deleteFolder } from './commands/delete-folder.js';
import { updateArticle } from './commands/update-article.js';
import { updateCategory } from './commands/update-category.js';
import { updateFolder } from './commands/update-folder.js';
import {
  assertCanDeleteSolutions,
  assertCanReadSolutions,
  assertCanWriteArticles,
  assertCanWriteStructure,
} from './solution.policy.js';
import { presentArticle, presentCategory, presentChange, presentFolder } from './solution.presenter.js';
import {
  findArticle,
  findCategory,
  findFolder,
  listArticles,
  listCategories,
  listChanges,
  listFolders,
  loadAncestry,
  type ArticleRow,
  type FolderRow,
} from './solution.repository.js';
import {
  createArticleSchema,
  createCategorySchema,
  createFolderSchema,
  createSubfolderSchema,
  listCategoriesSchema,
  listChangesSchema,
  listChildrenSchema,
  updateArticleSchema,
  updateCategorySchema,
  updateFolderSchema,
  viewSchema,
} from './solution.schemas.js';

const tags = ['solutions'];

async function loadCategory(ctx: DeskContext, id: number) {
  const category = await findCategory(ctx.db, id);
  if (!category) throw notFound();
  return category;
}

async function loadFolder(ctx: DeskContext, id: number) {
  const folder = await findFolder(ctx.db, id);
  if (!folder) throw notFound();
  return folder;
}

async function loadArticle(ctx: DeskContext, id: number) {
  const article = await findArticle(ctx.db, id);
  if (!article) throw notFound();
  return article;
}

/** Folders with their hierarchies (one ancestry load for the whole list). */
async function presentFolders(ctx: DeskContext, rows: FolderRow[]) {
  const ancestry = await loadAncestry(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentFolder(r, ancestry));
}

async function presentArticles(ctx: DeskContext, rows: ArticleRow[]) {
  const ancestry = await loadAncestry(
    ctx.db,
    rows.map((r) => r.folder_id),
  );
  return rows.map((r) => presentArticle(r, ancestry));
}

/**
 * The knowledge base API (A13). Lists are not paginated (as Freshdesk documents them) and take
 * `updated_since` to return changes and tombstones since then; see docs/decisions/0006.
 */
export const solutionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const location = (request: Parameters<typeof contextOf>[0], ctx: DeskContext, path: string) =>
    `${baseUrlOf(request, ctx.services.config.publicUrl)}/api/v2/solutions/${path}`;

  // Categories ----------------------------------------------------------------------------------

  app.get(
    '/solutions/categories',
    { schema: { tags, summary: 'List solution categories', ...listCategoriesSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadSolutions(ctx.actor);
      const rows = await listCategories(ctx.db, { updatedSince: request.query.updated_since });
      return rows.map(presentCategory);
    },
  );

  app.post(
    '/solutions/categories',
    { schema: { tags, summary: 'Create a solution category', ...createCategorySchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanWriteStructure(ctx.actor);
      const category = await createCategory(ctx, request.body);
      reply.status(201).header('location', location(request, ctx, `categories/${category.id}`));
      return presentCategory(category);
    },
  );

  app.get(
    '/solutions/categories/:id',
    { schema: { tags, summary: 'View a solution category', ...viewSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadSolutions(ctx.actor);
      return presentCategory(await loadCategory(ctx, request.params.id));
    },
  );

  app.put(
    '/solutions/categories/:id',
    { schema: { tags, summary: 'Update a solution category', ...updateCategorySchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanWriteStructure(ctx.actor);
      const category = await loadCategory(ctx, request.params.id);
      return presentCategory(await updateCategory(ctx, category, request.body));
    },
  );

  app.delete(
    '/solutions/categories/:id',
    { schema: { tags, summary: 'Delete a solution category and all it holds', ...viewSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanDeleteSolutions(ctx.actor);
      await deleteCategory(ctx, await loadCategory(ctx, request.params.id));
      return reply.status(204).send();
    },
  );

  // Folders -------------------------------------------------------------------------------------

  app.get(
    '/solutions/categories/:id/folders',
    { schema: { tags, summary: 'List the folders of a category', ...listChildrenSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadSolutions(ctx.actor);
      const category = await loadCategory(ctx, request.params.id);
      const rows = await listFolders(
        ctx.db,
        { categoryId: category.id },
        { updatedSince: request.query.updated_since },
      );
      return presentFolders(ctx, rows);
    },
  );

  app.post(
    '/solutions/categories/:id/folders',
    { schema: { tags, summary: 'Create a folder in a category', ...createFolderSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanWriteStructure(ctx.actor);
      const category = await loadCategory(ctx, request.params.id);
      const folder = await createFolder(ctx, { category }, request.body);
      reply.status(201).header('location', location(request, ctx, `folders/${folder.id}`));
      return (await presentFolders(ctx, [folder]))[0];
    },
  );

  app.get(
    '/solutions/folders/:id',
    { schema: { tags, summary: 'View a folder', ...viewSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadSolutions(ctx.actor);
      return (await presentFolders(ctx, [await loadFolder(ctx, request.params.id)]))[0];
    },
  );

  app.put(
    '/solutions/folders/:id',
    { schema: { tags, summary: 'Update a folder', ...updateFolderSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanWriteStructure(ctx.actor);
      const folder = await loadFolder(ctx, request.params.id);
      return (await presentFolders(ctx, [await updateFolder(ctx, folder, request.body)]))[0];
    },
  );

  app.delete(
    '/solutions/folders/:id',
    { schema: { tags, summary: 'Delete a folder and all it holds', ...viewSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanDeleteSolutions(ctx.actor);
      await deleteFolder(ctx, await loadFolder(ctx, request.params.id));
      return reply.status(204).send();
    },
  );

  app.get(
    '/solutions/folders/:id/subfolders',
    { schema: { tags, summary: 'List the sub-folders of a folder', ...listChildrenSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadSolutions(ctx.actor);
      const folder = await loadFolder(ctx, request.params.id);
      const rows = await listFolders(
        ctx.db,
        { parentFolderId: folder.id },
        { updatedSince: request.query.updated_since },
      );
      return presentFolders(ctx, rows);
    },
  );

  app.post(
    '/solutions/folders/:id/subfolders',
    { schema: { tags, summary: 'Create a sub-folder', ...createSubfolderSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanWriteStructure(ctx.actor);
      const parent = await loadFolder(ctx, request.params.id);
      const folder = await createFolder(ctx, { parent }, request.body);
      reply.status(201).header('location', location(request, ctx, `folders/${folder.id}`));
      return (await presentFolders(ctx, [folder]))[0];
    },
  );

  // Articles ------------------------------------------------------------------------------------

  app.get(
    '/solutions/folders/:id/articles',
    { schema: { tags, summary: 'List the articles of a folder', ...listChildrenSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadSolutions(ctx.actor);
      const folder = await loadFolder(ctx, request.params.id);
      const rows = await listArticles(ctx.db, folder.id, { updatedSince: request.query.updated_since });
      return presentArticles(ctx, rows);
    },
  );

  app.post(
    '/solutions/folders/:id/articles',
    { schema: { tags, summary: 'Create an article', ...createArticleSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanWriteArticles(ctx.actor);
      const folder = await loadFolder(ctx, request.params.id);
      const article = await createArticle(ctx, folder, request.body);
      reply.status(201).header('location', location(request, ctx, `articles/${article.id}`));
      return (await presentArticles(ctx, [article]))[0];
    },
  );

  app.get(
    '/solutions/articles/:id',
    { schema: { tags, summary: 'View an article', ...viewSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadSolutions(ctx.actor);
      return (await presentArticles(ctx, [await loadArticle(ctx, request.params.id)]))[0];
    },
  );

  app.put(
    '/solutions/articles/:id',
    { schema: { tags, summary: 'Update, publish or unpublish an article', ...updateArticleSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanWriteArticles(ctx.actor);
      const article = await loadArticle(ctx, request.params.id);
      return (await presentArticles(ctx, [await updateArticle(ctx, article, request.body)]))[0];
    },
  );

  app.delete(
    '/solutions/articles/:id',
    { schema: { tags, summary: 'Delete an article', ...viewSchema } },
    async (request, reply) => {
      const ctx = contextOf(request);
      assertCanDeleteSolutions(ctx.actor);
      await deleteArticle(ctx, await loadArticle(ctx, request.params.id));
      return reply.status(204).send();
    },
  );

  // Change feed (Tandem extension) --------------------------------------------------------------

  app.get(
    '/solutions/changes',
    { schema: { tags, summary: 'What changed in the knowledge base since a time', ...listChangesSchema } },
    async (request) => {
      const ctx = contextOf(request);
      assertCanReadSolutions(ctx.actor);
      return (await listChanges(ctx.db, request.query.updated_since)).map(presentChange);
    },
  );
};
