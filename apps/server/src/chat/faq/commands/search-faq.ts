import { isEmptyQuery, queryTerms, snippet } from '../../../platform/text/search-terms.js';
import type { ChatDb } from '../../db.js';
import { faqSearchQuery } from '../faq-search-document.js';
import { findFaqSearchHits, type FaqSearchHitRow } from '../faq.repository.js';

/** Characters of plain text shown under a search result. */
const SNIPPET_LENGTH = 160;

/**
 * Full-text search over published articles, best first: English words by stem and prefix
 * ("reset passwords" finds "Resetting your password"), Japanese and other CJK text anywhere in
 * a run ("チケット" finds "チャットをチケットに変換する"). A term with nothing searchable
 * (punctuation only) finds nothing.
 */
export async function searchFaq(
  db: ChatDb,
  input: { term: string; locale?: string | undefined; limit: number },
): Promise<(FaqSearchHitRow & { snippet: string })[]> {
  const query = queryTerms(input.term);
  if (isEmptyQuery(query)) return [];
  const hits = await findFaqSearchHits(db, faqSearchQuery(query), input.locale, input.limit);
  return hits.map((hit) => ({ ...hit, snippet: snippet(hit.body_text, input.term, SNIPPET_LENGTH) }));
}
