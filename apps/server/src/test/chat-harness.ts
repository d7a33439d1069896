import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig, type ChatConfig } from '../config.js';
import { buildChatApp, CHAT_SCHEMA, type ChatApp } from '../chat/index.js';
import type { ChatDB } from '../chat/db.js';
import { freshDatabase, type DatabaseKind } from './databases.js';

export const CHAT_TOKEN = 'test-chat-api-token-0123456789-abcdef';

export interface TestChat extends ChatApp {
  /** `app.inject` with `Authorization: Bearer <token>` (the first-start token by default; `null` sends none). */
  call(method: InjectOptions['method'], url: string, options?: ChatCallOptions): Promise<ChatResponse>;
}

export interface ChatCallOptions {
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ChatResponse extends LightMyRequestResponse {
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A Chat app on a fresh database (its own `chat` schema), with a known first-start API token. */
export async function startTestChat(
  kind: DatabaseKind,
  overrides: Partial<ChatConfig> = {},
): Promise<TestChat> {
  const base = loadConfig({
    CHAT_API_TOKEN: CHAT_TOKEN,
    CHAT_ADMIN_EMAIL: 'owner@example.com',
    DATA_DIR: '/tmp/tandem-test',
  });
  const config: ChatConfig = {
    ...base.chat,
    dataDir: `/tmp/tandem-test/chat-${process.pid}-${Date.now()}`,
    // Test receivers (webhooks) listen on 127.0.0.1; the refusal itself has its own test.
    allowPrivateNetworkUrls: true,
    ...overrides,
  };
  const database = await freshDatabase<ChatDB>(kind, 5, CHAT_SCHEMA);
  const chat = await buildChatApp({ config, logger: false, database });
  return {
    ...chat,
    async close() {
      await chat.close();
      await database.close();
    },
    async call(method, url, options = {}) {
      const token = options.token === undefined ? CHAT_TOKEN : options.token;
      const headers: Record<string, string> = {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      };
      const response = await chat.app.inject({
        method,
        url,
        headers,
        ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
      });
      let data: unknown;
      try {
        data = response.body ? JSON.parse(response.body) : undefined;
      } catch {
        data = undefined;
      }
      return Object.assign(response, { data });
    },
  };
}
