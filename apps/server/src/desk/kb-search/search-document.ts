import type { RawBuilder } from 'kysely';
import { searchDocumentVector, searchQueryOf } from '../../platform/text/search-sql.js';
import type { SearchQuery } from '../../platform/text/search-terms.js';

/**
 * The full-text document of an article, for `solution_articles.search_vector`. Commands that
 * write an article set the column to this expression. Title weighs A, tags B, body C.
 */
export function articleSearchVector(article: {
  title: string;
  description_text: string;
  tags: string[];
}): RawBuilder<string> {
  return searchDocumentVector({
    title: article.title,
    bodyText: article.description_text,
    tags: article.tags,
  });
}

/** The tsquery of a parsed, non-empty search term (see platform/text/search-sql.ts). */
export const articleSearchQuery = (query: SearchQuery): RawBuilder<string> => searchQueryOf(query);
