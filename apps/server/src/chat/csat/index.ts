/** CSAT (C8): ratings after a resolve and their report. */
export { csatRoutes } from './csat.routes.js';
export { submitCsat } from './commands/submit-csat.js';
export type { CsatResponseRow } from './csat.repository.js';
export { isCsatSuppressed } from './csat.policy.js';
