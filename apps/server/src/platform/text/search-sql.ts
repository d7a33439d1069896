import { sql, type RawBuilder } from 'kysely';
import { cjkTsQueryLiteral, documentVector, wordsTsQueryText, type SearchQuery } from './search-terms.js';

/*
 * Raw SQL here because Kysely has no builder for tsvector/tsquery functions. User text never
 * becomes SQL: it is tokenized in TypeScript to letters and digits only (search-terms.ts) and
 * bound as parameters. Words use the `english` configuration (stemming: "tickets" finds
 * "ticket"); CJK text is indexed as bigram lexemes taken literally by the `::tsvector`/`::tsquery`
 * casts, so Japanese finds Japanese without an extension. Used by Desk's knowledge base and
 * Chat's FAQ alike.
 */

/** The weighted full-text document of an article: title A, tags B, body C, plus CJK bigrams. */
export function searchDocumentVector(doc: {
  title: string;
  bodyText: string;
  tags: string[];
}): RawBuilder<string> {
  const parts = documentVector(doc.title, doc.bodyText, doc.tags);
  return sql<string>`(setweight(to_tsvector('english'::regconfig, ${parts.words.A}::text), 'A')
    || setweight(to_tsvector('english'::regconfig, ${parts.words.B}::text), 'B')
    || setweight(to_tsvector('english'::regconfig, ${parts.words.C}::text), 'C')
    || ${parts.bigrams}::tsvector)`;
}

/**
 * The tsquery of a parsed search term (callers make sure it is not empty): its words as stemmed
 * prefixes and its CJK runs as bigram phrases, all ANDed.
 */
export function searchQueryOf(query: SearchQuery): RawBuilder<string> {
  const words = wordsTsQueryText(query.words);
  const cjk = cjkTsQueryLiteral(query.cjk);
  const wordsQuery = sql<string>`to_tsquery('english'::regconfig, ${words}::text)`;
  const cjkQuery = sql<string>`${cjk}::tsquery`;
  if (words === '') return cjkQuery;
  if (cjk === '') return wordsQuery;
  return sql<string>`(${wordsQuery} && ${cjkQuery})`;
}
