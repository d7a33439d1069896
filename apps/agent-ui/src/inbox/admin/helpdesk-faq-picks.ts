/*
 * What the admin picked in the FAQ import tree (I3). A picked folder covers all its articles,
 * later ones included; articles picked one by one come only when their folder is not picked.
 */

interface FolderLike {
  id: string;
  importable: boolean;
  articles: { id: string }[];
}

export interface Picks {
  folders: ReadonlySet<string>;
  articles: ReadonlySet<string>;
}

/** A checkbox's look: checked, or partly (some of what is below it). */
export interface CheckState {
  checked: boolean;
  mixed: boolean;
}

const without = (set: ReadonlySet<string>, ids: string[]) => {
  const next = new Set(set);
  for (const id of ids) next.delete(id);
  return next;
};

/** Picks or unpicks a folder; its one-by-one article picks are dropped either way. */
export function toggleFolder(picks: Picks, folder: FolderLike): Picks {
  const folders = new Set(picks.folders);
  if (folders.has(folder.id)) folders.delete(folder.id);
  else if (folder.importable) folders.add(folder.id);
  return {
    folders,
    articles: without(
      picks.articles,
      folder.articles.map((a) => a.id),
    ),
  };
}

/** Picks or unpicks one article; unpicking one of a picked folder keeps its others, one by one. */
export function toggleArticle(picks: Picks, folder: FolderLike, articleId: string): Picks {
  const articles = new Set(picks.articles);
  if (picks.folders.has(folder.id)) {
    for (const other of folder.articles) if (other.id !== articleId) articles.add(other.id);
    return { folders: without(picks.folders, [folder.id]), articles };
  }
  if (articles.has(articleId)) articles.delete(articleId);
  else articles.add(articleId);
  return { folders: picks.folders, articles };
}

/** A category's checkbox: all its importable folders picked, or none (with their articles). */
export function toggleCategory(picks: Picks, folders: FolderLike[]): Picks {
  const importable = folders.filter((f) => f.importable);
  const all = categoryState(picks, folders).checked;
  const next = all
    ? without(
        picks.folders,
        importable.map((f) => f.id),
      )
    : new Set([...picks.folders, ...importable.map((f) => f.id)]);
  return {
    folders: next,
    articles: without(
      picks.articles,
      importable.flatMap((f) => f.articles.map((a) => a.id)),
    ),
  };
}

export function folderState(picks: Picks, folder: FolderLike): CheckState {
  const checked = picks.folders.has(folder.id);
  return { checked, mixed: !checked && folder.articles.some((a) => picks.articles.has(a.id)) };
}

export function categoryState(picks: Picks, folders: FolderLike[]): CheckState {
  const importable = folders.filter((f) => f.importable);
  const checked = importable.length > 0 && importable.every((f) => picks.folders.has(f.id));
  const some = folders.some(
    (f) => picks.folders.has(f.id) || f.articles.some((a) => picks.articles.has(a.id)),
  );
  return { checked, mixed: !checked && some };
}

export const articleChecked = (picks: Picks, folder: FolderLike, articleId: string) =>
  picks.folders.has(folder.id) || picks.articles.has(articleId);
