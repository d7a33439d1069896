/** Realtime delivery (C6) over Socket.IO: attach it to Chat's HTTP server; the event types. */
export { attachRealtime, type RealtimeOptions, type RealtimeServer } from './realtime-server.js';
export { REALTIME_LIMITS, type RealtimeLimits, type RealtimeLimitsOverride } from './socket-rate-limit.js';
export type * from './protocol.js';
export { anyAgentAvailable } from './realtime.repository.js';
