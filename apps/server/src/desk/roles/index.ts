export { roleRoutes } from './role.routes.js';
export { findRolesByIds } from './role.repository.js';
