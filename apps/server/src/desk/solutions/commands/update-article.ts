import { validationError } from '../../../platform/http/errors.js';
import { htmlToText, sanitizeRichText } from '../../../platform/text/html.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { articleSearchVector } from '../../kb-search/index.js';
import { checkArticleAgent } from '../solution-checks.js';
import { findArticle, insertChanges, updateArticleRow, type ArticleRow } from '../solution.repository.js';
import { ARTICLE_STATUS, type UpdateArticleInput } from '../solution.schemas.js';

/**
 * Applies a partial update and refreshes the search document. Records `updated`, plus
 * `published` (draft → published) or `unpublished` (published → draft) when the status moves.
 * `seo_data`, when given, is merged key by key into the stored one.
 */
export async function updateArticle(
  ctx: DeskContext,
  article: ArticleRow,
  input: UpdateArticleInput,
): Promise<ArticleRow> {
  return inTransaction(ctx, async (ctx) => {
    const errors = input.agent_id === undefined ? [] : await checkArticleAgent(ctx.db, input.agent_id);
    if (errors.length) throw validationError(errors);
    const description =
      input.description === undefined ? article.description : sanitizeRichText(input.description);
    const descriptionText =
      input.description === undefined ? article.description_text : htmlToText(description);
    const title = input.title ?? article.title;
    const tags = input.tags ?? article.tags;
    const status = input.status ?? article.status;
    const now = new Date();
    await updateArticleRow(ctx.db, article.id, {
      type: input.type ?? article.type,
      title,
      description,
      description_text: descriptionText,
      status,
      agent_id: input.agent_id ?? article.agent_id,
      tags,
      seo_data: { ...article.seo_data, ...input.seo_data },
      search_vector: articleSearchVector({ title, description_text: descriptionText, tags }),
      now,
    });
    await insertChanges(ctx.db, 'article', [article.id], 'updated', now);
    if (status !== article.status)
      await insertChanges(
        ctx.db,
        'article',
        [article.id],
        status === ARTICLE_STATUS.published ? 'published' : 'unpublished',
        now,
      );
    return (await findArticle(ctx.db, article.id))!;
  });
}
