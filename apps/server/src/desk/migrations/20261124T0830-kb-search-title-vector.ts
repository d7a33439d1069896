import type { Kysely } from 'kysely';
import { execStatements } from '../../platform/db/exec-statements.js';

/**
 * The title-and-tags part of an article's search document, derived by the database from
 * `search_vector` (its A and B weights). Ranking reads this small, inline vector instead of the
 * whole (often toasted) document, which keeps searches for common words fast.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await execStatements(
    db,
    `ALTER TABLE solution_articles
       ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (ts_filter(search_vector, '{a,b}')) STORED;`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await execStatements(db, `ALTER TABLE solution_articles DROP COLUMN title_vector;`);
}
