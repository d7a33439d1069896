/** Chat groups (C5): their /v2 routes, round-robin assignment, and what other modules may use. */
export { groupRoutes } from './group.routes.js';
export { findGroupById, agentIdsOfGroup, type GroupRow } from './group.repository.js';
export { presentGroup } from './group.presenter.js';
export { pickRoundRobinAgent } from './round-robin.js';
