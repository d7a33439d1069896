export { apiTokenRoutes } from './api-token.routes.js';
