/** Realtime delivery (C6) over Socket.IO: attach it to Chat's HTTP server; the event types. */
export { attachRealtime, type RealtimeServer } from './realtime-server.js';
export type * from './protocol.js';
