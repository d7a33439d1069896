import { z } from 'zod';
import { queryBoolean } from '../../platform/http/schemas.js';
import { pageQuery } from '../agents/index.js';

export const faqCategoryParams = z.object({ id: z.uuid({ error: 'It should be a category id (UUID)' }) });
export const faqArticleParams = z.object({ id: z.uuid({ error: 'It should be an article id (UUID)' }) });

/** `/by-source/:source/:source_id`: who imported it (e.g. `desk`) and its id there. */
export const faqSourceParams = z.object({
  source: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'It should be 1–32 lower-case letters, digits, - or _'),
  source_id: z.string().min(1, 'It should not be blank').max(255, 'It should be at most 255 characters'),
});

const name = z
  .string()
  .trim()
  .min(1, 'It should not be blank')
  .max(255, 'It should be at most 255 characters');
const description = z.string().max(2000, 'It should be at most 2000 characters').nullable();
const position = z
  .number()
  .int('It should be a positive integer')
  .min(1, 'It should be a positive integer')
  .max(1_000_000, 'It should be at most 1000000');
/** A BCP 47 language tag, kept lower-case ('en', 'ja', 'pt-br'). */
const locale = z
  .string()
  .trim()
  .max(35, 'It should be at most 35 characters')
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, "It should be a language tag such as 'en' or 'ja'")
  .transform((v) => v.toLowerCase());

export const createFaqCategoryBody = z.strictObject({
  name,
  description: description.optional(),
  position: position.optional(),
  locale: locale.nullable().optional(),
});

export const updateFaqCategoryBody = z.strictObject({
  name: name.optional(),
  description: description.optional(),
  position: position.optional(),
  locale: locale.nullable().optional(),
});

export const upsertFaqCategoryQuery = z.object({
  /** I3's "don't overwrite category title and description": kept on update, used on create. */
  preserve_name_and_description: queryBoolean.optional(),
});

export const deleteFaqCategoryQuery = z.object({ cascade: queryBoolean.optional() });

export const listFaqCategoriesQuery = z.object({ ...pageQuery, locale: locale.optional() });

const title = name;
/** HTML, sanitized on write; large enough for a long imported article. */
const body = z.string().max(500_000, 'It should be at most 500000 characters');
const status = z.enum(['draft', 'published'], { error: "It should be one of 'draft', 'published'" });
const tags = z
  .array(
    z
      .string()
      .trim()
      .min(1, 'It should not contain blank tags')
      .max(100, 'It should contain tags of at most 100 characters'),
  )
  .max(50, 'It should have at most 50 tags');
const categoryId = z.uuid({ error: 'It should be a category id (UUID)' });

export const createFaqArticleBody = z.strictObject({
  category_id: categoryId,
  title,
  body,
  status: status.default('draft'),
  tags: tags.default([]),
  position: position.optional(),
});

export const updateFaqArticleBody = z.strictObject({
  category_id: categoryId.optional(),
  title: title.optional(),
  body: body.optional(),
  status: status.optional(),
  tags: tags.optional(),
  position: position.optional(),
});

/**
 * The whole article as the source has it (a PUT replaces): omitted tags are none, an omitted
 * status is `published` (an importer brings published articles; unpublishing is a DELETE), an
 * omitted position keeps the current one (a new article goes last).
 */
export const upsertFaqArticleBody = z.strictObject({
  category_id: categoryId,
  title,
  body,
  status: status.default('published'),
  tags: tags.default([]),
  position: position.optional(),
});

export const listFaqArticlesQuery = z.object({
  ...pageQuery,
  category_id: categoryId.optional(),
  status: status.optional(),
  source: faqSourceParams.shape.source.optional(),
});

export const widgetFaqCategoriesQuery = z.object({ locale: locale.optional() });

export const widgetFaqArticlesQuery = z.object(pageQuery);

export const widgetFaqSearchQuery = z.object({
  q: z.string().trim().min(1, 'It should not be blank').max(200, 'It should be at most 200 characters'),
  locale: locale.optional(),
  limit: z.coerce
    .number()
    .int('It should be an integer from 1 to 20')
    .min(1, 'It should be an integer from 1 to 20')
    .max(20, 'It should be an integer from 1 to 20')
    .default(20),
});

export const faqFeedbackBody = z.strictObject({ helpful: z.boolean() });

export type CreateFaqCategoryInput = z.infer<typeof createFaqCategoryBody>;
export type UpdateFaqCategoryInput = z.infer<typeof updateFaqCategoryBody>;
export type CreateFaqArticleInput = z.infer<typeof createFaqArticleBody>;
export type UpdateFaqArticleInput = z.infer<typeof updateFaqArticleBody>;
export type UpsertFaqArticleInput = z.infer<typeof upsertFaqArticleBody>;
export type ListFaqArticlesQuery = z.infer<typeof listFaqArticlesQuery>;
