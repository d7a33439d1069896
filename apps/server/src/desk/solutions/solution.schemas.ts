import { z } from 'zod';
import { bodyId, idParams, isoTimestamp } from '../../platform/http/schemas.js';

/** Integer enumerations with Freshdesk's "one of these values" message. */
const enumOf = (values: readonly number[]) =>
  z.number().refine((v) => values.includes(v), {
    message: `It should be one of these values: '${values.join(',')}'`,
    params: { code: 'invalid_value' },
  });

export const FOLDER_VISIBILITIES = [1, 2, 3, 4] as const;
export const ARTICLE_STATUSES = [1, 2] as const;
export const ARTICLE_TYPES = [1, 2] as const;
export const ARTICLE_STATUS = { draft: 1, published: 2 } as const;

const tooLong = (max: number) => ({
  error: (issue: { input?: unknown }) =>
    `Has ${String(issue.input ?? '').length} characters, it can have maximum of ${max} characters`,
});

const name = z
  .string()
  .trim()
  .min(1, 'It should not be blank as this is a mandatory field')
  .max(255, tooLong(255));
const description = z.string().max(65535, tooLong(65535)).nullable().optional();
const idList = z.array(bodyId).transform((ids) => [...new Set(ids)]);

const categoryFields = { description, visible_in_portals: idList.optional() };
export const createCategoryBody = z.strictObject({ name, ...categoryFields });
export const updateCategoryBody = z.strictObject({ name: name.optional(), ...categoryFields });
export type CreateCategoryInput = z.infer<typeof createCategoryBody>;
export type UpdateCategoryInput = z.infer<typeof updateCategoryBody>;

const folderFields = { description, company_ids: idList.optional() };
export const createFolderBody = z.strictObject({
  name,
  visibility: enumOf(FOLDER_VISIBILITIES),
  ...folderFields,
});
/** A sub-folder inherits its parent's visibility (and companies) unless it names its own. */
export const createSubfolderBody = z.strictObject({
  name,
  visibility: enumOf(FOLDER_VISIBILITIES).optional(),
  ...folderFields,
});
export const updateFolderBody = z.strictObject({
  name: name.optional(),
  visibility: enumOf(FOLDER_VISIBILITIES).optional(),
  ...folderFields,
});
export type CreateFolderInput = z.infer<typeof createSubfolderBody>;
export type UpdateFolderInput = z.infer<typeof updateFolderBody>;

const seoText = z.string().max(255, tooLong(255)).nullable().optional();
const seoData = z.strictObject({
  meta_title: seoText,
  meta_description: seoText,
  meta_keywords: seoText,
});
const tag = z.string().trim().min(1, 'It should not be blank').max(255, tooLong(255));

const articleFields = {
  type: enumOf(ARTICLE_TYPES).optional(),
  agent_id: bodyId.optional(),
  tags: z
    .array(tag)
    .transform((tags) => [...new Set(tags)])
    .optional(),
  seo_data: seoData.optional(),
};
const title = name;
const body = z.string().min(1, 'It should not be blank as this is a mandatory field');
export const createArticleBody = z.strictObject({
  title,
  description: body,
  status: enumOf(ARTICLE_STATUSES),
  ...articleFields,
});
export const updateArticleBody = z.strictObject({
  title: title.optional(),
  description: body.optional(),
  status: enumOf(ARTICLE_STATUSES).optional(),
  ...articleFields,
});
export type CreateArticleInput = z.infer<typeof createArticleBody>;
export type UpdateArticleInput = z.infer<typeof updateArticleBody>;

/** `updated_since` on every list: changes (and tombstones) at or after that time. */
export const listQuery = z.strictObject({ updated_since: isoTimestamp.optional() });

export const listCategoriesSchema = { querystring: listQuery };
export const createCategorySchema = { body: createCategoryBody };
export const viewSchema = { params: idParams };
export const listChildrenSchema = { params: idParams, querystring: listQuery };
export const updateCategorySchema = { params: idParams, body: updateCategoryBody };
export const createFolderSchema = { params: idParams, body: createFolderBody };
export const createSubfolderSchema = { params: idParams, body: createSubfolderBody };
export const updateFolderSchema = { params: idParams, body: updateFolderBody };
export const createArticleSchema = { params: idParams, body: createArticleBody };
export const updateArticleSchema = { params: idParams, body: updateArticleBody };
// Required here: a plain string first, so a missing value reports missing_field.
export const listChangesSchema = {
  querystring: z.strictObject({ updated_since: z.string().pipe(isoTimestamp) }),
};
