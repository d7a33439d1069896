import type { ChatContext } from '../../context.js';
import { helpdeskClientOf } from '../../helpdesk/index.js';
import {
  findFaqImportState,
  findLatestFaqImport,
  listImportedArticles,
  listImportedFolders,
} from '../faq-import.repository.js';
import { presentFaqImport, presentFaqTree } from '../faq-import.presenter.js';
import { HELPDESK_CONCURRENCY, mapLimit, readFolderTree, readPublishedArticles } from '../helpdesk-kb.js';
import { helpdeskCall } from './helpdesk-call.js';

/**
 * The helpdesk's categories → folders → published articles, for the admin to pick from: folders
 * that cannot reach the widget (agents only, selected companies) are listed as not importable,
 * with why, and without their articles; each folder and article says whether it is picked and
 * whether it has been imported; and the latest import run, if any.
 */
export async function readFaqTree(ctx: ChatContext) {
  const client = await helpdeskClientOf(ctx.services, ctx.db);
  const { tree, articles } = await helpdeskCall(async () => {
    const tree = await readFolderTree(client);
    const importable = tree.flatMap((c) => c.folders.filter((f) => f.importable).map((f) => f.id));
    const lists = await mapLimit(importable, HELPDESK_CONCURRENCY, (id) => readPublishedArticles(client, id));
    return { tree, articles: new Map(importable.map((id, i) => [id, lists[i]!])) };
  });
  const [state, importedArticles, importedFolders, latest] = await Promise.all([
    findFaqImportState(ctx.db),
    listImportedArticles(ctx.db),
    listImportedFolders(ctx.db),
    findLatestFaqImport(ctx.db),
  ]);
  return {
    categories: presentFaqTree(tree, {
      selectedFolders: new Set(state?.folder_ids ?? []),
      selectedArticles: new Set(state?.article_ids ?? []),
      importedFolders: new Set(importedFolders.map((f) => f.folder_id)),
      importedArticles: new Set(importedArticles.map((a) => a.article_id)),
      articles,
    }),
    selection: {
      folder_ids: state?.folder_ids ?? [],
      article_ids: state?.article_ids ?? [],
      preserve_category_text: state?.preserve_category_text ?? false,
    },
    // The latest run with its progress: the screen picks a running import up again after a reload.
    last_import: latest ? presentFaqImport(latest) : null,
  };
}
