import { sql, type RawBuilder } from 'kysely';
import {
  cjkTsQueryLiteral,
  documentVector,
  wordsTsQueryText,
  type SearchQuery,
} from '../../platform/text/search-terms.js';

/*
 * Raw SQL here because Kysely has no builder for tsvector/tsquery functions. User text never
 * becomes SQL: it is tokenized in TypeScript to letters and digits only and bound as parameters.
 * Words use the `english` configuration (stemming: "tickets" finds "ticket"); CJK text is
 * indexed as bigram lexemes taken literally by the `::tsvector`/`::tsquery` casts (see
 * platform/text/search-terms.ts).
 */

/**
 * The full-text document of an article, for `solution_articles.search_vector`. Commands that
 * write an article set the column to this expression. Title weighs A, tags B, body C.
 */
export function articleSearchVector(article: {
  title: string;
  description_text: string;
  tags: string[];
}): RawBuilder<string> {
  const doc = documentVector(article.title, article.description_text, article.tags);
  return sql<string>`(setweight(to_tsvector('english'::regconfig, ${doc.words.A}::text), 'A')
    || setweight(to_tsvector('english'::regconfig, ${doc.words.B}::text), 'B')
    || setweight(to_tsvector('english'::regconfig, ${doc.words.C}::text), 'C')
    || ${doc.bigrams}::tsvector)`;
}

/**
 * The tsquery of a parsed search term (callers make sure it is not empty): its words as
 * stemmed prefixes and its CJK runs as bigram phrases, all ANDed.
 */
export function articleSearchQuery(query: SearchQuery): RawBuilder<string> {
  const words = wordsTsQueryText(query.words);
  const cjk = cjkTsQueryLiteral(query.cjk);
  const wordsQuery = sql<string>`to_tsquery('english'::regconfig, ${words}::text)`;
  const cjkQuery = sql<string>`${cjk}::tsquery`;
  if (words === '') return cjkQuery;
  if (cjk === '') return wordsQuery;
  return sql<string>`(${wordsQuery} && ${cjkQuery})`;
}
