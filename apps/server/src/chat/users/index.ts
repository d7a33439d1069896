/** Users (C4): the front door other Chat modules import from. */
export { userRoutes } from './user.routes.js';
export { identityVerificationRoutes } from './identity-verification.routes.js';
export { findUserById, findUsersByIds, type UserRow } from './user.repository.js';
export { presentUser, type PresentedUser } from './user.presenter.js';
export { updateUser } from './commands/update-user.js';
export { updateUserBody, type UpdateUserInput } from './user.schemas.js';
export { findUserByRestoreId } from './restore-id.js';
export {
  upsertWidgetUser,
  type WidgetUserInput,
  type WidgetUserResult,
} from './commands/upsert-widget-user.js';
export {
  verifyExternalId,
  signExternalId,
  type ExternalIdError,
  type ExternalIdVerification,
} from './verify-external-id.js';
