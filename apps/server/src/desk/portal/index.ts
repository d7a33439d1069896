export { portalAdminRoutes } from './portal.routes.js';
export { portalPageRoutes } from './pages/page.routes.js';
export { findPortalById, type PortalRow } from './portal.repository.js';
