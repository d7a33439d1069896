import { isoTime } from '../../platform/http/format.js';
import type { FaqImportRow } from './faq-import.repository.js';
import type { CategoryNode } from './helpdesk-kb.js';

/** An import run as the admin sees it, progress included (readable while it runs). */
export function presentFaqImport(row: FaqImportRow) {
  return {
    id: row.id,
    state: row.state,
    selection: {
      folder_ids: row.folder_ids,
      article_ids: row.article_ids,
      preserve_category_text: row.preserve_category_text,
    },
    done: row.done,
    total: row.total,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    removed: row.removed,
    errors: row.errors,
    created_at: isoTime(row.created_at),
    started_at: isoTime(row.started_at),
    finished_at: isoTime(row.finished_at),
  };
}

export interface TreeMarks {
  selectedFolders: Set<string>;
  selectedArticles: Set<string>;
  importedFolders: Set<string>;
  importedArticles: Set<string>;
  articles: Map<string, { id: string | number; title: string; updated_at?: string }[]>;
}

/** The helpdesk's knowledge base as the import picker shows it (sub-folders flattened, with their path). */
export function presentFaqTree(tree: CategoryNode[], marks: TreeMarks) {
  return tree.map((category) => ({
    id: category.id,
    name: category.name,
    description: category.description,
    folders: category.folders.map((folder) => ({
      id: folder.id,
      name: folder.name,
      description: folder.description,
      parent_folder_id: folder.parentFolderId,
      path: folder.path,
      visibility: folder.visibility,
      importable: folder.importable,
      ...(folder.reason ? { reason: folder.reason } : {}),
      selected: marks.selectedFolders.has(folder.id),
      imported: marks.importedFolders.has(folder.id),
      articles: (marks.articles.get(folder.id) ?? []).map((article) => {
        const id = String(article.id);
        return {
          id,
          title: article.title,
          updated_at: article.updated_at ?? null,
          selected: marks.selectedFolders.has(folder.id) || marks.selectedArticles.has(id),
          imported: marks.importedArticles.has(id),
        };
      }),
    })),
  }));
}
