import { notFound } from '../../../platform/http/errors.js';
import { inTransaction, type ChatContext } from '../../context.js';
import { addToFaqVoteCounts, findFaqVote, lockPublishedFaqArticle, saveFaqVote } from '../faq.repository.js';

/**
 * The widget user's "did this help" on a published article: one vote per user and article. A
 * second vote replaces the first (the counters move from one side to the other); the same vote
 * again changes nothing. 404 for a draft or unknown article.
 */
export async function recordFaqFeedback(
  ctx: ChatContext,
  userId: string,
  articleId: string,
  helpful: boolean,
): Promise<{ helpful: boolean; changed: boolean }> {
  return inTransaction(ctx, async (ctx) => {
    // The article's lock serializes its votes: two at once cannot both count as first.
    if (!(await lockPublishedFaqArticle(ctx.db, articleId))) throw notFound();
    const previous = await findFaqVote(ctx.db, articleId, userId);
    if (previous === helpful) return { helpful, changed: false };
    await saveFaqVote(ctx.db, articleId, userId, helpful, previous === undefined);
    const undo = previous === undefined ? 0 : -1;
    await addToFaqVoteCounts(ctx.db, articleId, helpful ? 1 : undo, helpful ? undo : 1);
    return { helpful, changed: true };
  });
}
