import { validationError } from '../../../platform/http/errors.js';
import { htmlToText, sanitizeRichText } from '../../../platform/text/html.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { articleSearchVector } from '../../kb-search/index.js';
import { checkArticleAgent } from '../solution-checks.js';
import {
  findArticle,
  insertArticle,
  insertChanges,
  type ArticleRow,
  type FolderRow,
} from '../solution.repository.js';
import { ARTICLE_STATUS, type CreateArticleInput } from '../solution.schemas.js';

/**
 * Creates an article in a folder. The HTML is sanitized on the way in; the author defaults to
 * the key's owner. A `created` change record, plus `published` when it is created published.
 */
export async function createArticle(
  ctx: DeskContext,
  folder: FolderRow,
  input: CreateArticleInput,
): Promise<ArticleRow> {
  return inTransaction(ctx, async (ctx) => {
    const agentId = input.agent_id ?? ctx.actor.id;
    const errors = input.agent_id === undefined ? [] : await checkArticleAgent(ctx.db, agentId);
    if (errors.length) throw validationError(errors);
    const description = sanitizeRichText(input.description);
    const descriptionText = htmlToText(description);
    const tags = input.tags ?? [];
    const now = new Date();
    const id = await insertArticle(ctx.db, {
      folder_id: folder.id,
      type: input.type ?? 1,
      title: input.title,
      description,
      description_text: descriptionText,
      status: input.status,
      agent_id: agentId,
      tags,
      seo_data: input.seo_data ?? {},
      search_vector: articleSearchVector({ title: input.title, description_text: descriptionText, tags }),
      now,
    });
    await insertChanges(ctx.db, 'article', [id], 'created', now);
    if (input.status === ARTICLE_STATUS.published)
      await insertChanges(ctx.db, 'article', [id], 'published', now);
    return (await findArticle(ctx.db, id))!;
  });
}
