import { randomUUID } from 'node:crypto';
import { inTransaction, type ChatContext } from '../../context.js';
import { faqSearchVector } from '../faq-search-document.js';
import {
  countFaqArticlesIn,
  findFaqArticleById,
  insertFaqArticle,
  shiftFaqArticlePositions,
  type FaqArticleRow,
} from '../faq.repository.js';
import type { CreateFaqArticleInput } from '../faq.schemas.js';
import { articleBody, articleTags, lockArticleCategories } from './faq-article-content.js';
import { placeAt } from './faq-positions.js';

/**
 * Creates an article in its category at `position` (last by default), its body sanitized. With
 * an origin, undefined when that source id is already taken (the by-source upsert then updates).
 */
export async function createFaqArticle(
  ctx: ChatContext,
  input: CreateFaqArticleInput,
  origin?: { source: string; sourceId: string },
): Promise<FaqArticleRow | undefined> {
  return inTransaction(ctx, async (ctx) => {
    await lockArticleCategories(ctx.db, input.category_id);
    const position = placeAt(input.position, (await countFaqArticlesIn(ctx.db, input.category_id)) + 1);
    const body = articleBody(input.body);
    const tags = articleTags(input.tags);
    const id = randomUUID();
    const inserted = await insertFaqArticle(
      ctx.db,
      id,
      {
        category_id: input.category_id,
        title: input.title,
        ...body,
        position,
        status: input.status,
        tags,
        source: origin?.source ?? null,
        source_id: origin?.sourceId ?? null,
      },
      faqSearchVector({ title: input.title, bodyText: body.body_text, tags }),
    );
    if (!inserted) return undefined;
    // Room is made after the insert, which may find the source id taken and write nothing.
    await shiftFaqArticlePositions(ctx.db, input.category_id, position, undefined, 1, id);
    return (await findFaqArticleById(ctx.db, id))!;
  });
}
