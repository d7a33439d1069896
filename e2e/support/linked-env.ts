import type { Page } from 'playwright-core';
import { CHAT_TOKEN } from '../../apps/server/src/test/chat-harness.js';
import { ADMIN_API_KEY, basicAuth } from '../../apps/server/src/test/desk-harness.js';
import { startLinkedPair, type LinkedPair } from '../../apps/server/src/test/linked-harness.js';
import { screenshots } from './agent-ui.js';

/** What an HTTP call answered: the status and the parsed JSON body. */
export interface HttpAnswer<T> {
  status: number;
  data: T;
}

/**
 * A Desk and a Chat for the browser journeys (issue 7): each on its own embedded database and
 * 127.0.0.1 port, linked over real HTTP only, serving their built agent apps (Desk at /a,
 * Chat at /inbox). The bootstrap admins' generated passwords are here to sign in with.
 */
export interface LinkedEnv {
  pair: LinkedPair;
  deskUrl: string;
  chatUrl: string;
  /** Desk's account admin (Desk UI sign-in). */
  deskAdmin: { email: string; password: string };
  /** Chat's owner (inbox sign-in). */
  chatOwner: { email: string; password: string };
  /** Desk's Freshdesk v2 API as the account admin, over HTTP: `desk('GET', '/tickets')`. */
  desk<T = any>(method: string, apiPath: string, body?: unknown): Promise<HttpAnswer<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Chat's /v2 API with the bootstrap API token, over HTTP: `chat('GET', '/conversations')`. */
  chat<T = any>(method: string, apiPath: string, body?: unknown): Promise<HttpAnswer<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Saves a full-page screenshot under e2e/artifacts/<suite>/<name>.png (kept by CI). */
  shot(page: Page, suite: string, name: string): Promise<void>;
  close(): Promise<void>;
}

async function call<T>(
  url: string,
  authorization: string,
  method: string,
  body?: unknown,
): Promise<HttpAnswer<T>> {
  const res = await fetch(url, {
    method,
    headers: { authorization, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = text;
  }
  return { status: res.status, data: data as T };
}

export async function startLinkedEnv(): Promise<LinkedEnv> {
  const pair = await startLinkedPair('pglite');
  const deskPassword = pair.desk.bootstrap.generatedPassword;
  const chatPassword = pair.chat.bootstrap.generatedPassword;
  if (!deskPassword || !chatPassword) throw new Error('linked env: bootstrap passwords were not generated');
  return {
    pair,
    deskUrl: pair.deskUrl,
    chatUrl: pair.chatUrl,
    deskAdmin: { email: pair.desk.bootstrap.email!, password: deskPassword },
    chatOwner: { email: pair.chat.bootstrap.email!, password: chatPassword },
    desk: (method, apiPath, body) =>
      call(`${pair.deskUrl}/api/v2${apiPath}`, basicAuth(ADMIN_API_KEY), method, body),
    chat: (method, apiPath, body) =>
      call(`${pair.chatUrl}/v2${apiPath}`, `Bearer ${CHAT_TOKEN}`, method, body),
    shot: (page, suite, name) => screenshots(suite)(page, name),
    close: () => pair.close(),
  };
}
