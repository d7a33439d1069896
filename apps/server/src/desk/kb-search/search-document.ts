import { sql, type RawBuilder } from 'kysely';

/**
 * The full-text document of an article, for `solution_articles.search_vector`. Commands that
 * write an article set the column to this expression.
 *
 * PLACEHOLDER until the kb-search module lands (it adds CJK bigrams so Japanese matches inside
 * words): a plain 'simple' tsvector of title, text and tags.
 */
export function articleSearchVector(article: {
  title: string;
  description_text: string;
  tags: string[];
}): RawBuilder<string> {
  return sql<string>`to_tsvector('simple', ${[article.title, article.description_text, ...article.tags].join(' ')})`;
}
