import type { DeskDb } from '../db.js';
import type { KbViewer } from '../solutions/solution.visibility.js';
import { isEmptyQuery, queryTerms, snippet } from '../../platform/text/search-terms.js';
import { findArticleHits } from './kb-search.repository.js';
import { articleSearchQuery } from './search-document.js';

/** A search result: a published article the viewer may read, with an excerpt of its text. */
export interface ArticleSearchHit {
  id: number;
  title: string;
  /** Plain-text excerpt (about 200 characters) around the first match. */
  description_text: string;
  folder_id: number;
  folder_name: string;
  category_id: number;
  category_name: string;
  updated_at: Date;
  /** ts_rank of the term in the title (weight A) and tags (B); 0 for a match in the body only. */
  rank: number;
}

export interface ArticleSearchInput {
  term: string;
  viewer: KbViewer;
  /** Only articles in categories this portal shows. */
  portalId?: number;
  limit: number;
  offset: number;
}

/**
 * Full-text search over published articles the viewer may see (and, with `portalId`, that the
 * portal shows), best match first. English words match by stem and prefix, Japanese and other
 * CJK text inside words. A term with nothing searchable (blank, punctuation) finds nothing.
 */
export async function searchArticles(db: DeskDb, input: ArticleSearchInput): Promise<ArticleSearchHit[]> {
  const query = queryTerms(input.term);
  if (isEmptyQuery(query)) return [];
  const rows = await findArticleHits(db, articleSearchQuery(query), {
    viewer: input.viewer,
    portalId: input.portalId,
    limit: input.limit,
    offset: input.offset,
  });
  return rows.map((row) => ({ ...row, description_text: snippet(row.description_text, input.term) }));
}
