/** User property definitions (C4): the front door other Chat modules import from. */
export { userPropertyRoutes } from './user-property.routes.js';
export { checkUserProperties, type PropertyInput } from './check-user-properties.js';
export { listUserProperties, type UserPropertyRow } from './user-property.repository.js';
export { presentUserProperty } from './user-property.presenter.js';
