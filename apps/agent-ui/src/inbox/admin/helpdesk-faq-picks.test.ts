import { describe, expect, it } from 'vitest';
import {
  articleChecked,
  categoryState,
  folderState,
  toggleArticle,
  toggleCategory,
  toggleFolder,
  type Picks,
} from './helpdesk-faq-picks.js';

const folder = (id: string, articles: string[], importable = true) => ({
  id,
  importable,
  articles: articles.map((a) => ({ id: a })),
});
const open = folder('10', ['a1', 'a2', 'a3']);
const other = folder('11', ['b1']);
const agentsOnly = folder('12', [], false);
const category = [open, other, agentsOnly];
const none: Picks = { folders: new Set(), articles: new Set() };
const plain = (picks: Picks) => ({
  folders: [...picks.folders].sort(),
  articles: [...picks.articles].sort(),
});

describe('FAQ import picks', () => {
  it('a picked folder covers its articles and drops their one-by-one picks', () => {
    const some = toggleArticle(none, open, 'a2');
    expect(folderState(some, open)).toEqual({ checked: false, mixed: true });
    const all = toggleFolder(some, open);
    expect(plain(all)).toEqual({ folders: ['10'], articles: [] });
    expect(folderState(all, open)).toEqual({ checked: true, mixed: false });
    expect(articleChecked(all, open, 'a3')).toBe(true);
    expect(plain(toggleFolder(all, open))).toEqual({ folders: [], articles: [] });
  });

  it('unpicking one article of a picked folder keeps the others, one by one', () => {
    const picks = toggleArticle(toggleFolder(none, open), open, 'a2');
    expect(plain(picks)).toEqual({ folders: [], articles: ['a1', 'a3'] });
    expect(folderState(picks, open)).toEqual({ checked: false, mixed: true });
    expect(articleChecked(picks, open, 'a2')).toBe(false);
  });

  it('a category picks every importable folder, never a not-importable one, and unpicks them all', () => {
    const picks = toggleCategory(toggleArticle(none, other, 'b1'), category);
    expect(plain(picks)).toEqual({ folders: ['10', '11'], articles: [] });
    expect(categoryState(picks, category)).toEqual({ checked: true, mixed: false });
    expect(plain(toggleCategory(picks, category))).toEqual({ folders: [], articles: [] });
    expect(plain(toggleFolder(none, agentsOnly))).toEqual({ folders: [], articles: [] });
  });

  it('a category with part of its content picked is mixed', () => {
    expect(categoryState(none, category)).toEqual({ checked: false, mixed: false });
    expect(categoryState(toggleArticle(none, open, 'a1'), category)).toEqual({ checked: false, mixed: true });
    expect(categoryState(toggleFolder(none, other), category)).toEqual({ checked: false, mixed: true });
    expect(categoryState(none, [agentsOnly])).toEqual({ checked: false, mixed: false });
  });
});
