import type net from 'node:net';
import type { ChatSocket } from './realtime-wire.js';

/**
 * Socket writes coalesced. Every agent socket receives every message, so at a few hundred
 * messages a second the server spent most of its time in one write system call per frame per
 * socket. On a socket's first frame of a window, its engine.io transport is marked busy, so
 * engine.io keeps the following frames in its write buffer (as it does while a write is in
 * flight); at the end of the window the buffer is flushed with the TCP stream corked, and the
 * frames leave in order in one write. The window is `windowMs` (agent sockets: a few
 * milliseconds gather several messages per write for that much latency) or, with 0, the
 * current event-loop turn. Only websocket transports are held.
 */
export function createWriteCoalescer(windowMs = 0) {
  const held = new Set<EngineConnection>();
  let scheduled = false;
  const release = () => {
    scheduled = false;
    for (const conn of held) {
      if (conn.readyState === 'closed') continue;
      const raw = rawStreamOf(conn);
      const corked = raw && !raw.destroyed && raw.writable;
      if (corked) raw.cork();
      conn.transport.writable = true;
      conn.flush();
      if (corked) raw.uncork();
    }
    held.clear();
  };
  return {
    /** Call before emitting to `socket`: its frames until the end of the window leave together. */
    hold(socket: ChatSocket) {
      const conn = socket.conn as unknown as EngineConnection;
      if (held.has(conn) || conn.readyState !== 'open' || conn.transport?.name !== 'websocket') return;
      if (typeof conn.flush !== 'function') return;
      conn.transport.writable = false;
      held.add(conn);
      if (!scheduled) {
        scheduled = true;
        if (windowMs > 0) setTimeout(release, windowMs);
        else setImmediate(release);
      }
    },
    release,
  };
}

export type WriteCoalescer = ReturnType<typeof createWriteCoalescer>;

/** The parts of engine.io's Socket this relies on (engine.io 6: build/socket.js, transports/websocket.js). */
interface EngineConnection {
  readyState: string;
  transport: { name: string; writable: boolean; socket?: { _socket?: unknown } };
  flush(): void;
}

/** The TCP stream under the websocket transport (engine.io → ws → net). */
function rawStreamOf(conn: EngineConnection): net.Socket | undefined {
  const raw = conn.transport.socket?._socket as net.Socket | undefined;
  return raw && typeof raw.cork === 'function' ? raw : undefined;
}
