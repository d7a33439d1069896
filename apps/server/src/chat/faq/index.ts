/** Chat's FAQ (C7): the admin API (with by-source upserts for the helpdesk import) and the widget's. */
export { faqRoutes } from './faq.routes.js';
export { faqWidgetRoutes } from './faq-widget.routes.js';

// What the helpdesk FAQ import (I3) runs directly, in-process, instead of the by-source HTTP routes.
export { upsertFaqArticleBySource } from './commands/upsert-faq-article-by-source.js';
export { upsertFaqCategoryBySource } from './commands/upsert-faq-category-by-source.js';
export { deleteFaqArticle } from './commands/delete-faq-article.js';
export { createFaqArticlesBySource } from './commands/create-faq-articles-by-source.js';
export { deleteFaqArticlesBySource } from './commands/delete-faq-articles-by-source.js';
export { deleteFaqCategory } from './commands/delete-faq-category.js';
export {
  countFaqArticlesIn,
  listFaqArticlesFromSource,
  listFaqCategoriesFromSource,
} from './faq.repository.js';
