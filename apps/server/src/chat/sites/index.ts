/** Sites (C3): the front door other Chat modules import from. */
export { siteRoutes } from './site.routes.js';
export { findSiteById, type SiteRow } from './site.repository.js';
export {
  presentSite,
  presentWidgetSettingsForWidget,
  readWidgetSettings,
  type WidgetSettingsForWidget,
} from './site.presenter.js';
export { DEFAULT_SITE_ID } from './default-site.js';
export { prechatPropertyNames, SITE_ID_PATTERN, type WidgetSettings } from './site.schemas.js';
export { chatListEnvelope, chatPageOffset, chatPaginationQuery, type ChatPage } from './pagination.js';
