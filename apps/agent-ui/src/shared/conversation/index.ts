/** Conversation components shared by the Chat inbox and Desk's chat panel (product-neutral props). */
export { Composer, type ComposerKind } from './composer.js';
export { MessageParts } from './message-parts.js';
export { MessageThread, type ThreadMessage } from './message-thread.js';
export { UserCard, type UserCardData } from './user-card.js';
