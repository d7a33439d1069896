/** Sites (C3): the front door other Chat modules import from. */
export { siteRoutes } from './site.routes.js';
export { findSiteById, type SiteRow } from './site.repository.js';
export { presentSite } from './site.presenter.js';
export { DEFAULT_SITE_ID } from './default-site.js';
export { SITE_ID_PATTERN } from './site.schemas.js';
export { chatListEnvelope, chatPageOffset, chatPaginationQuery, type ChatPage } from './pagination.js';
