import { isoTime } from '../../platform/http/format.js';
import type { ArticleAncestry, ArticleResultRow } from './kb-search.repository.js';

/** One step of a `hierarchy`: the category (level 0), then each folder down to the article's. */
interface HierarchyLevel {
  level: number;
  type: 'category' | 'folder';
  data: { id: number; name: string };
}

function hierarchyOf(folderId: number, ancestry: ArticleAncestry): HierarchyLevel[] {
  const path = [];
  const seen = new Set<number>();
  for (let f = ancestry.folders.get(folderId); f && !seen.has(f.id);) {
    seen.add(f.id);
    path.unshift(f);
    f = f.parent_folder_id === null ? undefined : ancestry.folders.get(f.parent_folder_id);
  }
  const category = path[0] ? ancestry.categories.get(path[0].category_id) : undefined;
  const levels: HierarchyLevel[] = category
    ? [{ level: 0, type: 'category', data: { id: category.id, name: category.name } }]
    : [];
  for (const f of path)
    levels.push({ level: levels.length, type: 'folder', data: { id: f.id, name: f.name } });
  return levels;
}

/** A search result in the Freshdesk v2 article shape (as `GET /solutions/articles/:id`). */
export function presentArticleResult(row: ArticleResultRow, ancestry: ArticleAncestry) {
  const seo = (row.seo_data ?? {}) as {
    meta_title?: string;
    meta_description?: string;
    meta_keywords?: string;
  };
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    description: row.description,
    description_text: row.description_text,
    status: row.status,
    agent_id: row.agent_id,
    category_id: row.category_id,
    folder_id: row.folder_id,
    hierarchy: hierarchyOf(row.folder_id, ancestry),
    hits: row.hits,
    thumbs_up: row.thumbs_up,
    thumbs_down: row.thumbs_down,
    tags: row.tags,
    seo_data: {
      meta_title: seo.meta_title ?? null,
      meta_description: seo.meta_description ?? null,
      meta_keywords: seo.meta_keywords ?? null,
    },
    created_at: isoTime(row.created_at),
    updated_at: isoTime(row.updated_at),
  };
}
