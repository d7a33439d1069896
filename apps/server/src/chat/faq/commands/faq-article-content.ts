import { AppError, fieldError, notFound } from '../../../platform/http/errors.js';
import { htmlToText, sanitizeRichText } from '../../../platform/text/html.js';
import type { ChatDb } from '../../db.js';
import {
  findFaqArticleById,
  lockFaqCategory,
  type FaqArticleRow,
  type FaqCategoryRow,
} from '../faq.repository.js';

/** What an article stores of a body: sanitized HTML (no script, handlers, `javascript:`) and its text. */
export function articleBody(html: string): { body_html: string; body_text: string } {
  const bodyHtml = sanitizeRichText(html);
  return { body_html: bodyHtml, body_text: htmlToText(bodyHtml) };
}

/** Tags without repeats (case-insensitive), first spelling kept, in order. */
export function articleTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = tag.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** True when two tag lists are the same, in the same order. */
export const sameTags = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((tag, i) => tag === b[i]);

/**
 * Locks the categories an article write touches, in id order (two writes locking the same pair
 * cannot deadlock); 400 on `category_id` when the target does not exist.
 */
export async function lockArticleCategories(
  db: ChatDb,
  targetId: string,
  otherId?: string,
): Promise<FaqCategoryRow> {
  const ids = [...new Set([targetId, ...(otherId ? [otherId] : [])])].sort();
  let target: FaqCategoryRow | undefined;
  for (const id of ids) {
    const row = await lockFaqCategory(db, id);
    if (id === targetId) target = row;
  }
  if (!target)
    throw fieldError('category_id', 'invalid_value', 'It should be the id of an existing category');
  return target;
}

/**
 * The article, read again once its category (and `targetCategoryId`, where it is moving) are
 * locked: positions only change under the category's lock, so what is read then stays true until
 * the commit. 404 when it is gone.
 */
export async function lockArticleForWrite(
  db: ChatDb,
  id: string,
  targetCategoryId?: string,
): Promise<FaqArticleRow> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const seen = await findFaqArticleById(db, id);
    if (!seen) throw notFound();
    await lockArticleCategories(db, targetCategoryId ?? seen.category_id, seen.category_id);
    const current = await findFaqArticleById(db, id);
    if (!current) throw notFound();
    // Moved to another category meanwhile: that one is not locked; look again.
    if (current.category_id === seen.category_id) return current;
  }
  throw new AppError(
    'validation_failed',
    undefined,
    [{ field: 'category_id', code: 'inconsistent_state', message: 'The article is being moved; try again' }],
    409,
  );
}
