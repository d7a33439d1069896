import type { AddressInfo } from 'node:net';
import type { DeskConfig, ChatConfig } from '../config.js';
import { startTestChat, type TestChat } from './chat-harness.js';
import type { DatabaseKind } from './databases.js';
import { startTestDesk, type TestDesk } from './desk-harness.js';

/**
 * A Desk and a Chat on fresh databases, each listening on its own 127.0.0.1 port, so the
 * integration is tested over real HTTP exactly as two separately hosted products meet.
 */
export interface LinkedPair {
  desk: TestDesk;
  chat: TestChat;
  /** e.g. http://127.0.0.1:41234 (Desk's portal URL as an admin types it into Chat). */
  deskUrl: string;
  /** Chat's base URL (what Desk's chat channel settings name). */
  chatUrl: string;
  close(): Promise<void>;
}

async function listen(app: {
  listen(options: { host: string; port: number }): Promise<string>;
  server: { address(): unknown };
}) {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export async function startLinkedPair(
  kind: DatabaseKind,
  overrides: { desk?: Partial<DeskConfig>; chat?: Partial<ChatConfig> } = {},
): Promise<LinkedPair> {
  const desk = await startTestDesk(kind, overrides.desk);
  const chat = await startTestChat(kind, overrides.chat);
  const deskUrl = await listen(desk.app);
  const chatUrl = await listen(chat.app);
  return {
    desk,
    chat,
    deskUrl,
    chatUrl,
    async close() {
      await Promise.allSettled([chat.close(), desk.close()]);
    },
  };
}
