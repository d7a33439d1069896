import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/**
 * Chat's FAQ (C7): categories > articles, shown in the widget. Articles keep sanitized HTML and
 * its plain text, a full-text document (English words + CJK bigrams, platform/text/search-terms.ts)
 * and helpful/not-helpful counts backed by one vote per widget user. Rows imported from a
 * helpdesk carry `source` + `source_id`, unique together, so a re-import updates in place.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `
    CREATE TABLE faq_categories (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      description text,
      -- 1..n without gaps, kept so by the commands (under an advisory lock).
      position integer NOT NULL,
      -- Lower-case BCP 47 tag ('en', 'ja', 'pt-br'); NULL: shown whatever the widget's locale.
      locale text,
      source text,
      source_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT faq_categories_source_key UNIQUE (source, source_id),
      CONSTRAINT faq_categories_source_check CHECK ((source IS NULL) = (source_id IS NULL))
    );
    CREATE INDEX faq_categories_position_idx ON faq_categories (position, id);

    CREATE TABLE faq_articles (
      id uuid PRIMARY KEY,
      category_id uuid NOT NULL REFERENCES faq_categories(id) ON DELETE CASCADE,
      title text NOT NULL,
      body_html text NOT NULL,
      body_text text NOT NULL,
      -- 1..n without gaps within the category, kept so by the commands (category row locked).
      position integer NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'published')),
      tags text[] NOT NULL DEFAULT '{}',
      source text,
      source_id text,
      helpful_count integer NOT NULL DEFAULT 0,
      not_helpful_count integer NOT NULL DEFAULT 0,
      search_vector tsvector NOT NULL DEFAULT ''::tsvector,
      -- Title and tags only (weights A, B): a small inline vector to rank by, as Desk's KB does.
      title_vector tsvector GENERATED ALWAYS AS (ts_filter(search_vector, '{a,b}')) STORED,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT faq_articles_source_key UNIQUE (source, source_id),
      CONSTRAINT faq_articles_source_check CHECK ((source IS NULL) = (source_id IS NULL))
    );
    CREATE INDEX faq_articles_category_idx ON faq_articles (category_id, position, id);
    CREATE INDEX faq_articles_search_idx ON faq_articles USING gin (search_vector);

    -- One vote per widget user per article; a second vote replaces the first.
    CREATE TABLE faq_article_votes (
      article_id uuid NOT NULL REFERENCES faq_articles(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      helpful boolean NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (article_id, user_id)
    );
    CREATE INDEX faq_article_votes_user_idx ON faq_article_votes (user_id);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `DROP TABLE faq_article_votes; DROP TABLE faq_articles; DROP TABLE faq_categories;`,
  );
}
