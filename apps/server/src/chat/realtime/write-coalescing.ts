import type net from 'node:net';
import type { ChatSocket } from './realtime-wire.js';

/**
 * Socket writes coalesced per event-loop turn. Every agent socket receives every message, so
 * at a few hundred messages a second the server spends most of its time in one write system
 * call per frame per socket. Holding a socket's TCP stream (cork) on its first frame of a turn
 * and releasing it after the turn's I/O callbacks (setImmediate) sends everything a turn
 * produced for that socket in one write, frames in order. With `windowMs` > 0 the hold lasts that
 * long instead (agent sockets: a few milliseconds gather several messages per write at the cost
 * of that much latency). Only websocket transports are held (polling has no stream of its own).
 */
export function createWriteCoalescer(windowMs = 0) {
  const held = new Set<net.Socket>();
  let scheduled = false;
  const release = () => {
    scheduled = false;
    for (const raw of held) if (!raw.destroyed) raw.uncork();
    held.clear();
  };
  return {
    /** Call before emitting to `socket`: its writes this turn leave together. */
    hold(socket: ChatSocket) {
      const raw = rawStreamOf(socket);
      if (!raw || held.has(raw) || raw.destroyed || !raw.writable) return;
      raw.cork();
      held.add(raw);
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

/** The TCP stream under a Socket.IO socket on the websocket transport (engine.io → ws → net). */
function rawStreamOf(socket: ChatSocket): net.Socket | undefined {
  const transport = (
    socket.conn as unknown as { transport?: { name?: string; socket?: { _socket?: unknown } } }
  ).transport;
  if (transport?.name !== 'websocket') return undefined;
  const raw = transport.socket?._socket as net.Socket | undefined;
  return raw && typeof raw.cork === 'function' ? raw : undefined;
}
