import type { DeskDb } from '../db.js';
import { presentArticle } from './solution.presenter.js';
import { findArticlesByIds, loadAncestry } from './solution.repository.js';

/** Articles in the API shape (as `GET /solutions/articles/:id`), in the order of `ids`. */
export async function presentArticlesByIds(db: DeskDb, ids: number[]) {
  const articles = await findArticlesByIds(db, ids);
  const ancestry = await loadAncestry(
    db,
    articles.map((a) => a.folder_id),
  );
  return articles.map((article) => presentArticle(article, ancestry));
}
