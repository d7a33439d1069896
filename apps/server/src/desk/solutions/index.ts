export { folderVisibleTo, isFolderVisibleTo, VISIBILITY, type KbViewer } from './solution.visibility.js';
export {
  listPortalCategories,
  findVisibleFolder,
  listPublishedArticles,
  findVisibleArticle,
  recordArticleView,
  voteArticle,
  type PortalCategory,
  type PortalFolder,
  type PortalFolderSummary,
  type PortalArticle,
  type PortalArticleSummary,
} from './solution-portal.repository.js';
export { solutionsRoutes } from './solution.routes.js';
export { presentArticlesByIds } from './solution.queries.js';
