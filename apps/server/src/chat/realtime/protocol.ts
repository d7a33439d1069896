/** Chat's realtime contract lives in packages/protocol (shared with the widget and the inbox). */
export type * from '@tandem/protocol/chat-realtime';
