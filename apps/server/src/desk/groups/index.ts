export { groupRoutes as groupsRoutes } from './group.routes.js';
export {
  findAgentIdsOfGroups,
  findExistingGroupIds,
  findGroupById,
  type GroupRow,
} from './group.repository.js';
