import { inTransaction, type ChatContext } from '../../context.js';
import { faqSearchVector } from '../faq-search-document.js';
import {
  countFaqArticlesIn,
  findFaqArticleById,
  shiftFaqArticlePositions,
  updateFaqArticleColumns,
  type FaqArticleRow,
  type FaqArticleValues,
} from '../faq.repository.js';
import type { UpdateFaqArticleInput } from '../faq.schemas.js';
import { articleBody, articleTags, lockArticleForWrite, sameTags } from './faq-article-content.js';
import { placeAt, shiftForMove } from './faq-positions.js';

/**
 * Updates an article: content (body sanitized again), status, and place: a new `category_id`
 * moves it there (last unless `position` says), a new `position` moves it among its siblings.
 * Nothing is written, and `updated_time` stays, when nothing changes (a re-import of an
 * unchanged article is free).
 */
export async function updateFaqArticle(
  ctx: ChatContext,
  id: string,
  input: UpdateFaqArticleInput,
): Promise<FaqArticleRow> {
  return inTransaction(ctx, async (ctx) => {
    const current = await lockArticleForWrite(ctx.db, id, input.category_id);
    const changes: Partial<FaqArticleValues> = {};
    if (input.title !== undefined && input.title !== current.title) changes.title = input.title;
    if (input.body !== undefined) {
      const body = articleBody(input.body);
      if (body.body_html !== current.body_html) Object.assign(changes, body);
    }
    if (input.tags !== undefined) {
      const tags = articleTags(input.tags);
      if (!sameTags(tags, current.tags)) changes.tags = tags;
    }
    if (input.status !== undefined && input.status !== current.status) changes.status = input.status;
    Object.assign(changes, await place(ctx, current, input));
    if (Object.keys(changes).length === 0) return current;
    const contentChanged = 'title' in changes || 'body_text' in changes || 'tags' in changes;
    const searchVector = contentChanged
      ? faqSearchVector({
          title: changes.title ?? current.title,
          bodyText: changes.body_text ?? current.body_text,
          tags: changes.tags ?? current.tags,
        })
      : undefined;
    await updateFaqArticleColumns(ctx.db, id, changes, searchVector);
    return (await findFaqArticleById(ctx.db, id))!;
  });
}

/** The category and position columns that put the article where `input` asks. */
async function place(
  ctx: ChatContext,
  current: FaqArticleRow,
  input: UpdateFaqArticleInput,
): Promise<Partial<FaqArticleValues>> {
  const target = input.category_id ?? current.category_id;
  if (target !== current.category_id) {
    await shiftFaqArticlePositions(ctx.db, current.category_id, current.position + 1, undefined, -1);
    const position = placeAt(input.position, (await countFaqArticlesIn(ctx.db, target)) + 1);
    await shiftFaqArticlePositions(ctx.db, target, position, undefined, 1);
    return { category_id: target, position };
  }
  if (input.position === undefined) return {};
  const position = placeAt(input.position, await countFaqArticlesIn(ctx.db, target));
  const shift = shiftForMove(current.position, position);
  if (!shift) return {};
  await shiftFaqArticlePositions(ctx.db, target, shift.first, shift.last, shift.delta, current.id);
  return { position };
}
