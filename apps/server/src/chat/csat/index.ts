/** CSAT (C8): ratings after a resolve and their report. */
export { csatRoutes } from './csat.routes.js';
