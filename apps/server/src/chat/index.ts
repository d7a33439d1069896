/** Chat, the messenger product. Its front door for app.ts; Desk never imports it. */
export { buildChatApp, CHAT_SCHEMA, type ChatApp, type ChatAppOptions } from './chat-app.js';
