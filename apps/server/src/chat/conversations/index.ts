/** Conversations and messages (C6): their /v2 routes, the message write path, the user view. */
export { conversationRoutes } from './conversation.routes.js';
export { sendMessage, type SendMessageInput, type SendMessageResult } from './commands/send-message.js';
export { createConversation } from './commands/create-conversation.js';
export {
  clientMessageId,
  conversationParams,
  listMessagesQuery,
  type MessagePart,
} from './conversation.schemas.js';
export { decodeConversationCursor, encodeConversationCursor } from './conversation.cursor.js';
export {
  findConversationById,
  listMessagesForUser,
  type ConversationRow,
  type MessageRow,
  type UserVisibleMessageRow,
  MESSAGE_COLUMNS_AS_M,
} from './conversation.repository.js';
export { presentMessageForUser, presentConversation, type UserMessage } from './conversation.presenter.js';
export { assertCanSeeConversation, assertCanSendAs } from './conversation.policy.js';
export { lockConversation, findAppId } from './conversation.repository.js';
export { applyConversationChanges } from './commands/apply-conversation-changes.js';
