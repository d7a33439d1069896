export { articleSearchVector } from './search-document.js';
export { searchArticles, type ArticleSearchHit, type ArticleSearchInput } from './search-articles.js';
export { kbSearchRoutes } from './kb-search.routes.js';
