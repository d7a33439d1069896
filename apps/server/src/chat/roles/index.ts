/** Chat's built-in roles (C5). */
export { roleRoutes } from './role.routes.js';
