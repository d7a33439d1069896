/**
 * The load generator's clients: widget users and agents as socket.io-client websocket
 * connections, an open-loop phase at a fixed rate and a closed-loop phase at a fixed number of
 * sends in flight. Every message carries its number in its text (`u:<n>` from a user, `r:<n>`
 * for an agent's reply), so deliveries are matched to sends without trusting the server.
 */
import { io, type Socket } from 'socket.io-client';
import type { Fixtures, ServerReady } from './fixtures.js';

// A slow answer is latency, not loss: only a send unanswered this long counts as unacknowledged.
const ACK_TIMEOUT_MS = 300_000;

interface Sent {
  /** When it was due (open loop) or sent (closed loop), performance.now() ms. */
  at: number;
  user: number;
  /** undefined while unanswered; false when refused or timed out. */
  acked: boolean | undefined;
  /** Agents that received it. */
  agentHits: number;
  echoed: number;
}

interface Reply {
  at: number;
  acked: boolean | undefined;
  delivered: number;
}

/** One phase's bookkeeping. Deliveries of messages from another phase are ignored. */
export interface Phase {
  sent: Map<number, Sent>;
  replies: Map<number, Reply>;
  /** Whether latencies are recorded (not during warm-up). */
  recording: boolean;
  /** The designated agent replies to every `replyEvery`-th user message (0: never). */
  replyEvery: number;
  ackMs: number[];
  userToAgentMs: number[];
  agentToUserMs: number[];
  refused: number;
  /** Sends that failed without an answer: the ack timed out or the socket dropped first. */
  timedOut: number;
  /** Sends not even tried: the user's socket had been dropped by then. */
  unsent: number;
  duplicates: number;
  firstError?: string;
}

export const newPhase = (replyEvery: number, recording = true): Phase => ({
  sent: new Map(),
  replies: new Map(),
  recording,
  replyEvery,
  ackMs: [],
  userToAgentMs: [],
  agentToUserMs: [],
  refused: 0,
  timedOut: 0,
  unsent: 0,
  duplicates: 0,
});

/**
 * What a phase lost so far: sends not (yet) acknowledged, and acknowledged messages some receiver
 * has not got (every agent and, on Chat, the sender's own socket for a user message; the user
 * for a reply). `pending` counts sends still waiting for their answer.
 */
export function losses(phase: Phase, agents: number, expectEcho: boolean) {
  let pending = 0;
  let unacked = 0;
  let undelivered = 0;
  for (const s of phase.sent.values()) {
    if (s.acked === undefined) pending++;
    if (!s.acked) unacked++;
    else if (s.agentHits < agents || (expectEcho && s.echoed < 1)) undelivered++;
  }
  for (const r of phase.replies.values()) {
    if (r.acked === undefined) pending++;
    if (!r.acked) unacked++;
    else if (r.delivered < 1) undelivered++;
  }
  return {
    pending,
    unacked,
    undelivered,
    duplicates: phase.duplicates,
    refused: phase.refused,
    timedOut: phase.timedOut,
    unsent: phase.unsent,
  };
}

const text = (content: string) => [{ text: { content } }];

interface Delivered {
  conversationId: string;
  message: { message_parts?: { text?: { content?: string } }[] };
}

const contentOf = (event: Delivered) => event.message?.message_parts?.[0]?.text?.content ?? '';

export interface Clients {
  users: Socket[];
  agents: Socket[];
  /** Sockets the server closed (or that lost the connection), by reason; none should. */
  disconnects: Map<string, number>;
  /** The phase deliveries and acks are booked to. */
  phase: Phase;
  /** A disconnect listener that books the socket's disconnects under `who`. */
  watch(who: string): (reason: string) => void;
  /** Sends message number `n` from user `u` (the phase records it as due at `at`). */
  sendUser(u: number, n: number, at: number, onAck?: (ok: boolean) => void): void;
  close(): void;
}

/** Connects the agents (all at once) and returns the client set; users are added by connectUsers. */
export async function connectAgents(target: ServerReady, fixtures: Fixtures): Promise<Clients> {
  const users: Socket[] = [];
  const agents: Socket[] = [];
  let closing = false;
  const disconnects = new Map<string, number>();
  const onDisconnect = (who: string) => (reason: string) => {
    if (closing) return;
    const key = `${who}: ${reason}`;
    disconnects.set(key, (disconnects.get(key) ?? 0) + 1);
  };
  const clients: Clients = {
    users,
    agents,
    disconnects,
    watch: onDisconnect,
    phase: newPhase(0, false),
    sendUser(u, n, at, onAck) {
      const phase = clients.phase;
      const record: Sent = { at, user: u, acked: undefined, agentHits: 0, echoed: 0 };
      phase.sent.set(n, record);
      const { conversationId } = fixtures.users[u]!;
      if (users[u]!.disconnected) {
        record.acked = false;
        phase.unsent++;
        if (onAck) setImmediate(() => onAck(false));
        return;
      }
      users[u]!.timeout(ACK_TIMEOUT_MS).emit(
        'message:send',
        { conversationId, clientMessageId: `u-${n}`, parts: text(`u:${n}`) },
        (error: Error | null, ack: { ok: boolean; error?: unknown }) => {
          record.acked = !error && ack.ok;
          if (error) phase.timedOut++;
          else if (!ack.ok) {
            phase.refused++;
            phase.firstError ??= JSON.stringify(ack.error);
          } else if (phase.recording) phase.ackMs.push(performance.now() - record.at);
          onAck?.(record.acked);
        },
      );
    },
    close() {
      closing = true;
      for (const socket of [...users, ...agents]) socket.close();
    },
  };

  const onAgentMessage = (index: number) => (event: Delivered) => {
    const now = performance.now();
    const content = contentOf(event);
    if (!content.startsWith('u:')) return;
    const n = Number(content.slice(2));
    const phase = clients.phase;
    const record = phase.sent.get(n);
    if (!record) return;
    record.agentHits++;
    if (record.agentHits > agents.length) phase.duplicates++;
    // Latency is taken at one designated agent per message; every agent's receipt is counted.
    if (n % agents.length !== index) return;
    if (phase.recording) phase.userToAgentMs.push(now - record.at);
    if (phase.replyEvery && n % phase.replyEvery === 0) {
      const reply: Reply = { at: performance.now(), acked: undefined, delivered: 0 };
      phase.replies.set(n, reply);
      agents[index]!.timeout(ACK_TIMEOUT_MS).emit(
        'message:send',
        { conversationId: event.conversationId, clientMessageId: `r-${n}`, parts: text(`r:${n}`) },
        (error: Error | null, ack: { ok: boolean; error?: unknown }) => {
          reply.acked = !error && ack.ok;
          if (error) phase.timedOut++;
          else if (!ack.ok) {
            phase.refused++;
            phase.firstError ??= JSON.stringify(ack.error);
          }
        },
      );
    }
  };

  await Promise.all(
    fixtures.agents.map(async (agent, index) => {
      const socket = await connect(target.url, { sessionToken: agent.sessionToken });
      socket.on('message:new', onAgentMessage(index));
      socket.on('disconnect', clients.watch('agent'));
      agents[index] = socket;
    }),
  );
  return clients;
}

/** Connects every fixture user, `concurrency` handshakes at a time; returns handshakes per second. */
export async function connectUsers(
  clients: Clients,
  target: ServerReady,
  fixtures: Fixtures,
  concurrency = 100,
) {
  const started = performance.now();
  let next = 0;
  const userDisconnect = clients.watch('user');
  const onUserMessage = (event: Delivered) => {
    const now = performance.now();
    const content = contentOf(event);
    const phase = clients.phase;
    if (content.startsWith('r:')) {
      const reply = phase.replies.get(Number(content.slice(2)));
      if (!reply) return;
      reply.delivered++;
      if (reply.delivered > 1) phase.duplicates++;
      else if (phase.recording) phase.agentToUserMs.push(now - reply.at);
    } else if (content.startsWith('u:')) {
      const record = phase.sent.get(Number(content.slice(2)));
      if (!record) return;
      record.echoed++;
      if (record.echoed > 1) phase.duplicates++;
    }
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < fixtures.users.length) {
        const index = next++;
        const user = fixtures.users[index]!;
        const socket = await connect(target.url, {
          appId: target.appId,
          widgetToken: target.widgetToken,
          siteId: fixtures.siteId,
          restoreId: user.restoreId,
        });
        socket.on('message:new', onUserMessage);
        socket.on('disconnect', userDisconnect);
        clients.users[index] = socket;
      }
    }),
  );
  return fixtures.users.length / ((performance.now() - started) / 1000);
}

function connect(url: string, auth: Record<string, string>): Promise<Socket> {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 30_000,
    auth,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(new Error(`connect failed: ${error.message}`)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Open loop: `rate` user messages per second for `seconds`, each from a random user, sent when
 * due whether or not earlier ones were answered. Latency counts from the due time, so a stalled
 * generator or server is not hidden (no coordinated omission).
 */
export async function openLoop(clients: Clients, rate: number, seconds: number, firstN: number) {
  const started = performance.now();
  const interval = 1000 / rate;
  const total = Math.round(rate * seconds);
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    while (sent < total && started + sent * interval <= now) {
      clients.sendUser(
        Math.floor(Math.random() * clients.users.length),
        firstN + sent,
        started + sent * interval,
      );
      sent++;
    }
    await sleep(1);
  }
  return { sent, seconds: (performance.now() - started) / 1000 };
}

/** A random user whose socket is connected (a few tries), or a random one. */
function randomUser(clients: Clients) {
  let u = 0;
  for (let tries = 0; tries < 20; tries++) {
    u = Math.floor(Math.random() * clients.users.length);
    if (clients.users[u]!.connected) break;
  }
  return u;
}

/**
 * Closed loop: `concurrency` sends in flight from random connected users, each answered send
 * followed by the next, for `seconds`. Returns acknowledged sends per second.
 */
export async function closedLoop(clients: Clients, concurrency: number, seconds: number, firstN: number) {
  const started = performance.now();
  const until = started + seconds * 1000;
  let n = firstN;
  let acked = 0;
  await new Promise<void>((resolve) => {
    let inFlight = 0;
    const launch = () => {
      inFlight++;
      clients.sendUser(randomUser(clients), n++, performance.now(), (ok) => {
        inFlight--;
        if (performance.now() < until) {
          if (ok) acked++;
          launch();
        } else if (inFlight === 0) resolve();
      });
    };
    for (let i = 0; i < concurrency; i++) launch();
  });
  return { acked, perSecond: acked / seconds, nextN: n };
}

/** Reconnects the sockets the server dropped (as a widget would), 100 at a time; returns how many. */
export async function reconnectDropped(clients: Clients) {
  const dropped = [...clients.users, ...clients.agents].filter((socket) => socket.disconnected);
  for (let i = 0; i < dropped.length; i += 100)
    await Promise.all(
      dropped.slice(i, i + 100).map(
        (socket) =>
          new Promise<void>((resolve, reject) => {
            socket.once('connect', () => resolve());
            socket.once('connect_error', (error) => reject(new Error(`reconnect failed: ${error.message}`)));
            socket.connect();
          }),
      ),
    );
  return dropped.length;
}

/**
 * Waits until every send is answered and every acknowledged message delivered, or until nothing
 * has moved for `stallMs` with no send unanswered (a dropped socket never gets its deliveries).
 */
export async function drain(clients: Clients, expectEcho: boolean, stallMs = 15_000) {
  const started = performance.now();
  let last = '';
  let lastChange = started;
  for (;;) {
    const lost = losses(clients.phase, clients.agents.length, expectEcho);
    const now = performance.now();
    if (lost.pending === 0 && lost.undelivered === 0) return (now - started) / 1000;
    const state = `${lost.pending}/${lost.undelivered}`;
    if (state !== last) [last, lastChange] = [state, now];
    else if (lost.pending === 0 && now - lastChange > stallMs) return (lastChange - started) / 1000;
    await sleep(100);
  }
}
