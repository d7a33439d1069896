import { HelpdeskError, type HelpdeskClient, type HelpdeskResponse } from '../helpdesk/index.js';

/**
 * Reading a helpdesk's knowledge base over the Freshdesk v2 API (freshdesk-v2.md A13): only
 * calls every Freshdesk-speaking server answers; Desk's change feed is an optional shortcut.
 */

export interface HelpdeskCategory {
  id: number | string;
  name: string;
  description?: string | null;
}

export interface HelpdeskFolder {
  id: number | string;
  name: string;
  description?: string | null;
  visibility: number;
  parent_folder_id?: number | string | null;
  sub_folders_count?: number;
}

export interface HelpdeskArticle {
  id: number | string;
  title: string;
  description: string;
  status: number;
  folder_id?: number | string;
  tags?: string[];
  updated_at?: string;
}

/** A folder of the tree (sub-folders flattened), with whether its content may reach the widget. */
export interface FolderNode {
  id: string;
  name: string;
  description: string | null;
  visibility: number;
  categoryId: string;
  parentFolderId: string | null;
  /** Names from the category down to this folder (included). */
  path: string[];
  /** Position among all folders of the tree, depth first. */
  order: number;
  importable: boolean;
  reason?: string;
}

export interface CategoryNode {
  id: string;
  name: string;
  description: string | null;
  folders: FolderNode[];
}

/** Article statuses and folder visibilities of A13. */
const PUBLISHED = 2;
const WIDGET_VISIBILITIES = new Set([1, 2]);
const VISIBILITY_REASONS: Record<number, string> = {
  3: 'visible to agents only',
  4: 'visible to selected companies only',
  5: 'visible to bots only',
  6: 'visible to selected contact segments only',
  7: 'visible to selected company segments only',
};

/** Why a folder of this visibility cannot be imported, or undefined when it can. */
export function visibilityReason(visibility: number): string | undefined {
  if (WIDGET_VISIBILITIES.has(visibility)) return undefined;
  return VISIBILITY_REASONS[visibility] ?? `not visible to all or logged-in users (visibility ${visibility})`;
}

export const isPublished = (article: HelpdeskArticle) => article.status === PUBLISHED;

const MAX_RATE_LIMIT_WAIT_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A call that waits out a rate limit (Retry-After, up to a minute) and tries again, twice at most. */
async function call<T>(client: HelpdeskClient, url: string): Promise<HelpdeskResponse<T>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.request<T>('GET', url);
    } catch (error) {
      const wait =
        error instanceof HelpdeskError && error.retryAt ? error.retryAt.getTime() - Date.now() : -1;
      if (attempt >= 2 || error instanceof HelpdeskError === false || error.problem !== 'rate_limited')
        throw error;
      if (wait > MAX_RATE_LIMIT_WAIT_MS) throw error;
      await sleep(Math.max(wait, 1000));
    }
  }
}

/**
 * Every item of a solutions list. Freshdesk documents these lists as unpaginated; a server that
 * pages them anyway is followed by its Link rel="next" (same origin only).
 */
export async function listAllOf<T>(client: HelpdeskClient, path: string): Promise<T[]> {
  const items: T[] = [];
  let url: string | undefined = path;
  for (let page = 0; url && page < 1000; page++) {
    const res: HelpdeskResponse<T[]> = await call<T[]>(client, url);
    if (!Array.isArray(res.data))
      throw new HelpdeskError(
        'not_a_helpdesk',
        `GET ${path} did not answer a list: this is not a Freshdesk v2 API.`,
      );
    items.push(...res.data);
    url = res.next ? relativeToApi(client, res.next) : undefined;
  }
  return items;
}

/** A Link URL as a path under the client's /api/v2, or undefined when it points elsewhere. */
function relativeToApi(client: HelpdeskClient, link: string): string | undefined {
  const apiBase = `${client.baseUrl}/api/v2`;
  const absolute = new URL(link, `${apiBase}/`).toString();
  return absolute.startsWith(`${apiBase}/`) ? absolute.slice(apiBase.length) : undefined;
}

/** Runs `fn` over `items`, at most `limit` at a time, results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>) {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Helpdesk calls in flight at once while reading the tree. */
export const HELPDESK_CONCURRENCY = 6;

/**
 * Categories and their folders at every depth (sub-folders flattened after their parent). A
 * folder is importable when it and every folder above it are visible to all or logged-in users,
 * as the helpdesk's portal shows it; otherwise its reason names the first that is not.
 */
export async function readFolderTree(client: HelpdeskClient): Promise<CategoryNode[]> {
  const categories = await listAllOf<HelpdeskCategory>(client, '/solutions/categories');
  let order = 0;
  const nodes = await mapLimit(categories, HELPDESK_CONCURRENCY, async (category) => {
    const top = await listAllOf<HelpdeskFolder>(client, `/solutions/categories/${category.id}/folders`);
    return { category, top, children: await readSubfolders(client, top) };
  });
  return nodes.map(({ category, top, children }) => {
    const folders: FolderNode[] = [];
    const visit = (folder: HelpdeskFolder, parent: FolderNode | undefined) => {
      const own = visibilityReason(folder.visibility);
      const node: FolderNode = {
        id: String(folder.id),
        name: folder.name,
        description: folder.description ?? null,
        visibility: folder.visibility,
        categoryId: String(category.id),
        parentFolderId: parent ? parent.id : null,
        path: [...(parent ? parent.path : [category.name]), folder.name],
        order: order++,
        importable: (parent?.importable ?? true) && own === undefined,
      };
      const reason = parent && !parent.importable ? parent.reason : own;
      if (reason) node.reason = reason;
      folders.push(node);
      for (const child of children.get(String(folder.id)) ?? []) visit(child, node);
    };
    for (const folder of top) visit(folder, undefined);
    return {
      id: String(category.id),
      name: category.name,
      description: category.description ?? null,
      folders,
    };
  });
}

/** Sub-folders at every depth below `folders`, by parent id (asked level by level, in parallel). */
async function readSubfolders(client: HelpdeskClient, folders: HelpdeskFolder[]) {
  const children = new Map<string, HelpdeskFolder[]>();
  let level = folders;
  const seen = new Set(folders.map((f) => String(f.id)));
  while (level.length > 0) {
    // A folder that says it has none is not asked (Desk and Freshdesk give sub_folders_count).
    const parents = level.filter((f) => f.sub_folders_count === undefined || f.sub_folders_count > 0);
    const lists = await mapLimit(parents, HELPDESK_CONCURRENCY, (f) =>
      listAllOf<HelpdeskFolder>(client, `/solutions/folders/${f.id}/subfolders`),
    );
    level = [];
    parents.forEach((parent, i) => {
      const fresh = lists[i]!.filter((f) => !seen.has(String(f.id)));
      for (const f of fresh) seen.add(String(f.id));
      children.set(String(parent.id), fresh);
      level.push(...fresh);
    });
  }
  return children;
}

/** A folder's published articles, in the helpdesk's order. */
export async function readPublishedArticles(client: HelpdeskClient, folderId: string) {
  const articles = await listAllOf<HelpdeskArticle>(client, `/solutions/folders/${folderId}/articles`);
  return articles.filter(isPublished);
}

/** One article, or undefined when the helpdesk no longer has it. */
export async function readArticle(client: HelpdeskClient, id: string): Promise<HelpdeskArticle | undefined> {
  try {
    return (await call<HelpdeskArticle>(client, `/solutions/articles/${encodeURIComponent(id)}`)).data;
  } catch (error) {
    if (error instanceof HelpdeskError && error.problem === 'not_found') return undefined;
    throw error;
  }
}

export interface ChangeRecord {
  entity: string;
  id: number | string;
  action: string;
  changed_at: string;
}

/**
 * The helpdesk's change records since `since` (Desk's `GET /solutions/changes`), or undefined
 * when the helpdesk has no such feed (plain Freshdesk): the caller then reads the whole tree.
 */
export async function readChanges(
  client: HelpdeskClient,
  since: string,
): Promise<ChangeRecord[] | undefined> {
  try {
    const res = await call<ChangeRecord[]>(
      client,
      `/solutions/changes?updated_since=${encodeURIComponent(since)}`,
    );
    if (!Array.isArray(res.data)) return undefined;
    const valid = res.data.every(
      (r) => r && typeof r.changed_at === 'string' && !Number.isNaN(Date.parse(r.changed_at)),
    );
    return valid ? res.data : undefined;
  } catch (error) {
    if (error instanceof HelpdeskError && error.problem !== 'unreachable' && error.problem !== 'timeout')
      return undefined;
    throw error;
  }
}
