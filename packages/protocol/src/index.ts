/** Shapes shared across a wire: the widget's postMessage protocol (page ⟷ iframe). */
export * from './widget-messages.js';
export type * from './chat-realtime.js';
