import type { ArticleSearchHit } from '../../../kb-search/index.js';
import type {
  PortalArticle,
  PortalArticleSummary,
  PortalCategory,
  PortalFolder,
  PortalFolderSummary,
} from '../../../solutions/index.js';
import { csrfField } from '../form.js';
import { html, trustedHtml, type SafeHtml } from '../html.js';
import { formatDate, type Language, type Translate } from '../i18n.js';
import type { PageInput } from '../layout.js';

const folderHref = (id: number) => `/support/solutions/folders/${id}`;
const articleHref = (id: number) => `/support/solutions/articles/${id}`;

function articlesCount(t: Translate, count: number): string {
  return count === 1 ? t('articlesCountOne') : t('articlesCountOther', { count });
}

/** The search box shown on the home and search pages. */
function searchForm(t: Translate, term: string, id: string): SafeHtml {
  return html`<form method="get" action="/support/search" role="search" class="inline">
    <div class="field">
      <label for="${id}">${t('searchLabel')}</label
      ><input type="search" id="${id}" name="term" value="${term}" />
    </div>
    <button class="button" type="submit">${t('searchButton')}</button>
  </form>`;
}

function breadcrumb(t: Translate, items: { href?: string; label: string }[], current: string): SafeHtml {
  return html`<nav class="crumbs" aria-label="${t('breadcrumb')}">
    <ol>
      <li><a href="/support/home">${t('navHome')}</a></li>
      ${items.map((i) => (i.href ? html`<li><a href="${i.href}">${i.label}</a></li>` : html`<li>${i.label}</li>`))}
      <li><span aria-current="page">${current}</span></li>
    </ol>
  </nav>`;
}

function folderList(t: Translate, folders: PortalFolderSummary[]): SafeHtml {
  return html`<ul class="plain">
    ${folders.map(
      (f) =>
        html`<li>
          <a href="${folderHref(f.id)}">${f.name}</a>
          <span class="muted">(${articlesCount(t, f.articles_count)})</span>
        </li>`,
    )}
  </ul>`;
}

/** Help-center home: a search box and each shown category with the folders the viewer may open. */
export function homePage(t: Translate, categories: PortalCategory[]): PageInput {
  const shown = categories.filter((c) => c.folders.length > 0);
  return {
    title: t('homeTitle'),
    nav: 'home',
    body: html`<p>${t('homeIntro')}</p>
      ${searchForm(t, '', 'home-search')}
      ${
        shown.length === 0
          ? html`<p>${t('noCategories')}</p>`
          : html`<ul class="grid">
              ${shown.map(
                (c) =>
                  html`<li class="card">
                    <h2>${c.name}</h2>
                    ${c.description ? html`<p class="muted">${c.description}</p>` : ''}${folderList(
                      t,
                      c.folders,
                    )}
                  </li>`,
              )}
            </ul>`
      }`,
  };
}

/** A folder: where it sits, its sub-folders and its published articles. */
export function folderPage(t: Translate, folder: PortalFolder, articles: PortalArticleSummary[]): PageInput {
  return {
    title: folder.name,
    crumbs: breadcrumb(
      t,
      [
        // A category has no page of its own (its folders are listed on the home page).
        { label: folder.category.name },
        ...folder.ancestors.map((a) => ({ href: folderHref(a.id), label: a.name })),
      ],
      folder.name,
    ),
    body: html`${folder.description ? html`<p>${folder.description}</p>` : ''}
      ${
        folder.subfolders.length > 0
          ? html`<h2>${t('folderSubfolders')}</h2>
              ${folderList(t, folder.subfolders)}`
          : ''
      }
      <h2>${t('folderArticles')}</h2>
      ${
        articles.length === 0
          ? html`<p>${t('noArticles')}</p>`
          : html`<ul class="plain">
              ${articles.map((a) => html`<li><a href="${articleHref(a.id)}">${a.title}</a></li>`)}
            </ul>`
      }`,
  };
}

/** An article with its "was this helpful?" buttons (or the thanks after a vote). */
export function articlePage(
  t: Translate,
  lang: Language,
  article: PortalArticle,
  options: { csrfToken: string; voted: boolean },
): PageInput {
  const vote = options.voted
    ? html`<p role="status" class="notice">${t('voteThanks')}</p>`
    : html`<form method="post" action="${articleHref(article.id)}/vote" class="vote">
        ${csrfField(options.csrfToken)}
        <p id="vote-question">${t('wasHelpful')}</p>
        <button
          class="button secondary"
          type="submit"
          name="helpful"
          value="yes"
          aria-describedby="vote-question"
        >
          ${t('voteYes')}
        </button>
        <button
          class="button secondary"
          type="submit"
          name="helpful"
          value="no"
          aria-describedby="vote-question"
        >
          ${t('voteNo')}
        </button>
      </form>`;
  return {
    title: article.title,
    crumbs: breadcrumb(
      t,
      [{ label: article.category.name }, { href: folderHref(article.folder.id), label: article.folder.name }],
      article.title,
    ),
    body: html`<p class="muted">${t('articleUpdated', { date: formatDate(article.updated_at, lang) })}</p>
      <article class="article" aria-labelledby="page-title">
        ${
          // Article bodies are sanitized when written (sanitizeRichText), so they go in as they are.
          trustedHtml(article.description)
        }
      </article>
      <section aria-label="${t('wasHelpful')}">${vote}</section>`,
  };
}

export const SEARCH_PAGE_SIZE = 20;

/** Search results (one page), or the prompt when no term was given. */
export function searchPage(t: Translate, term: string, hits: ArticleSearchHit[], page: number): PageInput {
  const hasNext = hits.length > SEARCH_PAGE_SIZE;
  const shown = hits.slice(0, SEARCH_PAGE_SIZE);
  const pageHref = (p: number) => `/support/search?term=${encodeURIComponent(term)}&page=${p}`;
  let results: SafeHtml;
  if (term.trim() === '') results = html`<p>${t('searchPrompt')}</p>`;
  else if (shown.length === 0 && page === 1)
    results = html`<h2>${t('searchResultsFor', { term })}</h2>
      <p>${t('searchNoResults')}</p>`;
  else
    results = html`<h2>${t('searchResultsFor', { term })}</h2>
      <ol class="plain" start="${(page - 1) * SEARCH_PAGE_SIZE + 1}">
        ${shown.map(
          (h) =>
            html`<li>
              <h3><a href="${articleHref(h.id)}">${h.title}</a></h3>
              <p class="muted">${h.category_name} › ${h.folder_name}</p>
              <p>${h.description_text}</p>
            </li>`,
        )}
      </ol>
      ${
        page > 1 || hasNext
          ? html`<nav aria-label="${t('pagination')}">
              <ul class="inline">
                ${page > 1 ? html`<li><a href="${pageHref(page - 1)}">${t('previousPage')}</a></li>` : ''}
                ${hasNext ? html`<li><a href="${pageHref(page + 1)}">${t('nextPage')}</a></li>` : ''}
              </ul>
            </nav>`
          : ''
      }`;
  return {
    title: t('searchTitle'),
    nav: 'search',
    body: html`${searchForm(t, term, 'search-term')} ${results}`,
  };
}
