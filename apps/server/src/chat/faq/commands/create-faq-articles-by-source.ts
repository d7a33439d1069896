import { randomUUID } from 'node:crypto';
import { inTransaction, type ChatContext } from '../../context.js';
import { faqSearchVector } from '../faq-search-document.js';
import {
  countFaqArticlesIn,
  insertFaqArticlesFromSource,
  renumberFaqArticlePositions,
} from '../faq.repository.js';
import type { UpsertFaqArticleInput } from '../faq.schemas.js';
import { articleBody, articleTags, lockArticleCategories } from './faq-article-content.js';

/**
 * Adds many new articles from a source to the end of one category, in the order given, in one
 * transaction and a few statements (an importer's first import of a large folder). Source ids
 * already taken (a concurrent import) are skipped and returned in `taken`, for the caller to
 * update one by one with upsertFaqArticleBySource. `category_id` and `position` of the inputs
 * are ignored: all go to `categoryId`, after what it holds.
 */
export async function createFaqArticlesBySource(
  ctx: ChatContext,
  source: string,
  categoryId: string,
  items: readonly { sourceId: string; input: Omit<UpsertFaqArticleInput, 'category_id' | 'position'> }[],
): Promise<{ created: Map<string, { id: string; updated_at: Date }>; taken: string[] }> {
  if (items.length === 0) return { created: new Map(), taken: [] };
  return inTransaction(ctx, async (ctx) => {
    await lockArticleCategories(ctx.db, categoryId);
    const first = (await countFaqArticlesIn(ctx.db, categoryId)) + 1;
    const now = new Date();
    const rows = items.map(({ sourceId, input }, i) => {
      const body = articleBody(input.body);
      const tags = articleTags(input.tags);
      return {
        id: randomUUID(),
        category_id: categoryId,
        title: input.title,
        ...body,
        position: first + i,
        status: input.status,
        tags,
        source,
        source_id: sourceId,
        search_vector: faqSearchVector({ title: input.title, bodyText: body.body_text, tags }),
        created_at: now,
        updated_at: now,
      };
    });
    const inserted = await insertFaqArticlesFromSource(ctx.db, rows);
    const created = new Map(inserted.map((r) => [r.source_id!, { id: r.id, updated_at: r.updated_at }]));
    const taken = items.map((i) => i.sourceId).filter((id) => !created.has(id));
    // Skipped rows left holes in the positions just handed out.
    if (taken.length > 0) await renumberFaqArticlePositions(ctx.db, categoryId);
    return { created, taken };
  });
}
