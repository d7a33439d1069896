import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import type { TestChat } from '../../test/chat-harness.js';
import { upsertWidgetUser } from '../users/index.js';
import type { ClientToServerEvents, MessageNew, ServerToClientEvents } from './protocol.js';

/** Test helpers for the realtime suites: a listening Chat and socket.io clients that record. */

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Starts Chat listening on a free port; returns its base URL. */
export async function listen(chat: TestChat): Promise<string> {
  await chat.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = chat.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export async function widgetCredentials(chat: TestChat) {
  const row = await chat.services.db
    .selectFrom('accounts')
    .select(['app_id', 'widget_token'])
    .executeTakeFirstOrThrow();
  return { appId: row.app_id, widgetToken: row.widget_token };
}

/** A widget user of the site and the restore id its widget keeps. */
export async function widgetUser(chat: TestChat, siteId: string) {
  const result = await upsertWidgetUser(chat.services.db, { siteId });
  return { userId: result.user.id, restoreId: result.restoreId! };
}

/** A connected client recording every `message:new` and `typing` it receives. */
export interface TestClient {
  socket: ClientSocket;
  received: MessageNew[];
  typing: unknown[];
  /** Every server event, in arrival order. */
  events: { name: string; payload: unknown }[];
  /** The payloads of one server event, in arrival order. */
  of<E extends keyof ServerToClientEvents>(name: E): Parameters<ServerToClientEvents[E]>[0][];
  /** The seqs received for a conversation, in arrival order. */
  seqs(conversationId: string): number[];
  close(): void;
}

export function client(
  url: string,
  auth: Record<string, unknown> | ((cb: (data: object) => void) => void),
  options: { reconnection?: boolean } = {},
): TestClient {
  const socket: ClientSocket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 10,
    reconnectionDelayMax: 50,
    auth,
    forceNew: true,
  });
  const received: MessageNew[] = [];
  const typing: unknown[] = [];
  const events: TestClient['events'] = [];
  socket.on('message:new', (event) => received.push(event));
  socket.on('typing', (event) => typing.push(event));
  socket.onAny((name: string, payload: unknown) => events.push({ name, payload }));
  return {
    socket,
    received,
    typing,
    events,
    of: (name) => events.filter((e) => e.name === name).map((e) => e.payload as never),
    seqs: (conversationId) => received.filter((e) => e.conversationId === conversationId).map((e) => e.seq),
    close: () => socket.close(),
  };
}

/** Resolves once connected; rejects with the connect_error. */
export function connected(test: TestClient): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    if (test.socket.connected) return resolve(test);
    test.socket.once('connect', () => resolve(test));
    test.socket.once('connect_error', reject);
  });
}

export async function waitFor(check: () => boolean, timeoutMs = 5000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Lets in-flight deliveries land, for "never receives" assertions. */
export const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));
