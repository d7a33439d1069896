import { isoTime } from '../../platform/http/format.js';
import type { Ancestry, ArticleRow, CategoryRow, ChangeRow, FolderRow } from './solution.repository.js';

/**
 * Freshdesk v2 shapes of categories, folders and articles. A deleted row (a tombstone, listed
 * only with `updated_since`) is the same object plus `"deleted": true`.
 */

/** One step of a `hierarchy`: the category (level 0), then each folder down the path. */
export interface HierarchyLevel {
  level: number;
  type: 'category' | 'folder';
  data: { id: number; name: string };
}

const tombstone = (deletedAt: Date | null) => (deletedAt === null ? {} : { deleted: true as const });

/** The path from the category down to `folderId` (included), root first. */
function pathTo(folderId: number, ancestry: Ancestry): HierarchyLevel[] {
  const folders = [];
  const seen = new Set<number>();
  let current = ancestry.folders.get(folderId);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    folders.unshift(current);
    current = current.parent_folder_id === null ? undefined : ancestry.folders.get(current.parent_folder_id);
  }
  const root = folders[0];
  const category = root ? ancestry.categories.get(root.category_id) : undefined;
  const levels: HierarchyLevel[] = category
    ? [{ level: 0, type: 'category', data: { id: category.id, name: category.name } }]
    : [];
  for (const f of folders)
    levels.push({ level: levels.length, type: 'folder', data: { id: f.id, name: f.name } });
  return levels;
}

export function presentCategory(row: CategoryRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    visible_in_portals: row.portal_ids,
    created_at: isoTime(row.created_at),
    updated_at: isoTime(row.updated_at),
    ...tombstone(row.deleted_at),
  };
}

/** A folder; `hierarchy` lists its ancestors (the category, then the folders above it). */
export function presentFolder(row: FolderRow, ancestry: Ancestry) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    visibility: row.visibility,
    company_ids: row.company_ids,
    parent_folder_id: row.parent_folder_id,
    category_id: row.category_id,
    hierarchy: pathTo(row.id, ancestry).slice(0, -1),
    articles_count: row.articles_count,
    sub_folders_count: row.sub_folders_count,
    created_at: isoTime(row.created_at),
    updated_at: isoTime(row.updated_at),
    ...tombstone(row.deleted_at),
  };
}

/** An article; `hierarchy` is the path to it: the category, then each folder down to its own. */
export function presentArticle(row: ArticleRow, ancestry: Ancestry) {
  const seo = row.seo_data as { meta_title?: string; meta_description?: string; meta_keywords?: string };
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
    hierarchy: pathTo(row.folder_id, ancestry),
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
    ...tombstone(row.deleted_at),
  };
}

/** A change record of `GET /solutions/changes`. */
export function presentChange(row: ChangeRow) {
  return { entity: row.entity, id: row.entity_id, action: row.action, changed_at: isoTime(row.changed_at) };
}
