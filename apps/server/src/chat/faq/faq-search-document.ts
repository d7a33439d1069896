import type { RawBuilder } from 'kysely';
import { searchDocumentVector, searchQueryOf } from '../../platform/text/search-sql.js';
import type { SearchQuery } from '../../platform/text/search-terms.js';

/** The full-text document of a FAQ article, for `faq_articles.search_vector`: title A, tags B, body C. */
export function faqSearchVector(article: {
  title: string;
  bodyText: string;
  tags: string[];
}): RawBuilder<string> {
  return searchDocumentVector(article);
}

/** The tsquery of a parsed, non-empty search term (see platform/text/search-sql.ts). */
export const faqSearchQuery = (query: SearchQuery): RawBuilder<string> => searchQueryOf(query);
