/** Conversations and messages (C6): their /v2 routes, the message write path, the user view. */
export { conversationRoutes } from './conversation.routes.js';
export { sendMessage, type SendMessageInput, type SendMessageResult } from './commands/send-message.js';
export {
  findConversationById,
  listMessagesForUser,
  type ConversationRow,
  type MessageRow,
  type UserVisibleMessageRow,
} from './conversation.repository.js';
export { presentMessageForUser, presentConversation, type UserMessage } from './conversation.presenter.js';
export { assertCanSendAs } from './conversation.policy.js';
