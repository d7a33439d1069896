/** The widget's REST surface (sessions, own profile, own conversations) and widget credentials. */
export { widgetRoutes } from './widget.routes.js';
export {
  authenticateWidgetUser,
  findAccountOfWidgetToken,
  WidgetAuthError,
  type WidgetAuthErrorCode,
  type WidgetCredentials,
} from './commands/authenticate-widget-user.js';
export { sendWidgetMessage } from './commands/send-widget-message.js';
export { startWidgetConversation } from './commands/start-widget-conversation.js';
export { findLiveWidgetSessionHashes, findWidgetSessionByHash } from './widget-session.repository.js';
export { widgetMessageBody } from './widget.schemas.js';
export { presentAgentFace, type PublicAgent } from './widget.presenter.js';
