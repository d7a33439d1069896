import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshPostgresUrl, TEST_DATABASE_KINDS, type DatabaseKind } from '../../test/databases.js';
import { freePort, startServerProcess as startChat, waitForHealth } from '../../test/processes.js';
import {
  expectAcksMatchStore,
  expectSeenExactlyOnce,
  faultClient,
  pacer,
  sendUntilAcked,
  sleep,
  waitUntil,
  type FaultClient,
  type OkAck,
  type SeenMessage,
} from './fault-clients.js';

// Issue 4: SIGKILL of the Chat process during a send storm, restart, clients resend what was not
// acknowledged: no acknowledged message is missing and none is duplicated.

const API_TOKEN = 'crash-test-api-token-0123456789-abcdef';
const OWNER = { email: 'owner@example.com', password: 'crash-test-password' };

const USERS = 8;
const USER_MESSAGES = 15;
const AGENT_MESSAGES = 80;
/** Queued messages each client flushes at once just before the kill (an outbox after a stall). */
const FLUSH = 4;
const TOTAL = USERS * USER_MESSAGES + AGENT_MESSAGES + (USERS + 1) * FLUSH;
/** The kill comes once this many messages are acknowledged, in the thick of the storm. */
const KILL_AFTER = 70;
// Below the per-socket send limits (users 5/s, agents 30/s).
const USER_INTERVAL_MS = 250;
const AGENT_INTERVAL_MS = 50;

describe.each(TEST_DATABASE_KINDS)('Chat process killed during a send storm (%s)', (kind: DatabaseKind) => {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it(`SIGKILL after ${KILL_AFTER} of ${TOTAL} acknowledgements, restart, resend: every acknowledged message kept, none stored or delivered twice`, async ({
    annotate,
  }) => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-crash-'));
    cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const env: Record<string, string> = {
      PRODUCTS: 'chat',
      HOST: '127.0.0.1',
      CHAT_PORT: String(port),
      DATA_DIR: dataDir,
      CHAT_ADMIN_EMAIL: OWNER.email,
      CHAT_ADMIN_PASSWORD: OWNER.password,
      CHAT_API_TOKEN: API_TOKEN,
    };
    if (kind === 'postgres') {
      const database = await freshPostgresUrl();
      cleanups.push(() => database.drop());
      env.CHAT_DATABASE_URL = database.url;
    }
    const base = `http://127.0.0.1:${port}`;
    const api = async (method: string, url: string, body?: unknown, token: string | null = API_TOKEN) => {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    /** Every stored message of the conversations, in seq order, over the REST messages list. */
    const storedMessages = async (conversations: string[]) => {
      const stored = new Map<string, SeenMessage[]>();
      for (const id of conversations) {
        const list: SeenMessage[] = [];
        for (let after = 0; ;) {
          const page = (await api(
            'GET',
            `/v2/conversations/${id}/messages?after_seq=${after}&limit=100`,
          )) as {
            messages: { seq: number; id: string; client_message_id: string | null }[];
            next_after_seq: number | null;
          };
          list.push(
            ...page.messages.map((m) => ({ seq: m.seq, id: m.id, clientMessageId: m.client_message_id })),
          );
          if (page.next_after_seq === null) break;
          after = page.next_after_seq;
        }
        stored.set(id, list);
      }
      return stored;
    };

    let running = startChat(env);
    cleanups.push(() => {
      running.child.kill('SIGKILL');
    });
    await waitForHealth(port, running);

    // Set up over the public API, as an operator and a site would.
    const account = (await api('GET', '/v2/accounts/configuration')) as {
      app_id: string;
      widget_token: string;
    };
    const site = `crash-${kind}`;
    await api('POST', '/v2/sites', { id: site, name: 'Crash test' });
    const { token: sessionToken } = (await api('POST', '/v2/sessions', OWNER, null)) as { token: string };

    // Clients hold their handshake while `gate` is shut: they come back when the test lets them.
    let gate = Promise.resolve();
    const clients: FaultClient[] = [];
    cleanups.push(() => clients.forEach((c) => c.close()));
    const open = (name: string, auth: Record<string, unknown>) => {
      const c = faultClient(base, name, auth, { gate: () => gate });
      clients.push(c);
      return c;
    };
    const users = await Promise.all(
      Array.from({ length: USERS }, async (_, i) => {
        const user = (await api('POST', '/v2/users', { site_id: site, first_name: `User ${i}` })) as {
          restore_id: string;
        };
        const c = open(`user ${i}`, {
          appId: account.app_id,
          widgetToken: account.widget_token,
          siteId: site,
          restoreId: user.restore_id,
        });
        await c.whenConnected(10_000);
        return c;
      }),
    );

    const acks = new Map<string, OkAck>();
    const inFlight = new Set<string>();
    const send = async (c: FaultClient, clientMessageId: string, conversationId?: string) => {
      inFlight.add(clientMessageId);
      const ack = await sendUntilAcked(
        c,
        {
          ...(conversationId ? { conversationId } : {}),
          clientMessageId,
          parts: [{ text: { content: clientMessageId } }],
        },
        45_000,
      );
      inFlight.delete(clientMessageId);
      acks.set(clientMessageId, ack);
      return ack;
    };
    const conversations = await Promise.all(
      users.map(async (c, i) => {
        const { conversationId } = await send(c, `u${i}-1`);
        c.follow(conversationId);
        return conversationId;
      }),
    );
    const agent = open('agent', { sessionToken });
    for (const id of conversations) agent.follow(id);
    await agent.whenConnected(10_000);

    // The storm: every client sends as fast as its rate allows, one message at a time.
    const pacers = [...users.map(() => pacer(USER_INTERVAL_MS)), pacer(AGENT_INTERVAL_MS)];
    const storm = Promise.all([
      ...users.map(async (c, i) => {
        for (let n = 2; n <= USER_MESSAGES; n++) {
          await pacers[i]!.wait();
          await send(c, `u${i}-${n}`, conversations[i]);
        }
      }),
      (async () => {
        for (let n = 1; n <= AGENT_MESSAGES; n++) {
          await pacers[USERS]!.wait();
          await send(agent, `a-${n}`, conversations[n % USERS]);
        }
      })(),
    ]);
    await waitUntil(() => acks.size >= KILL_AFTER, 20_000, `${KILL_AFTER} acknowledgements`);
    let openGate!: () => void;
    gate = new Promise((resolve) => (openGate = resolve));
    // Every client's next message goes out now, and each flushes a few queued ones at once (still
    // within its burst); the kill lands once a random part of them is acknowledged, so it finds
    // sends on the wire, in the server and just committed.
    for (const p of pacers) p.kick();
    const flushing = (USERS + 1) * FLUSH;
    const killAfterFlushAcks = Math.floor((Math.random() * flushing) / 2);
    let flushAcked = 0;
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      running.child.kill('SIGKILL');
    };
    const flushed = [...users, agent].flatMap((c, i) =>
      Array.from({ length: FLUSH }, (_, k) =>
        send(c, `f${i}-${k + 1}`, i < USERS ? conversations[i] : conversations[k % USERS]).then(() => {
          if (++flushAcked >= killAfterFlushAcks) kill();
        }),
      ),
    );
    if (killAfterFlushAcks === 0) kill();
    await waitUntil(() => killed, 20_000, 'the kill');
    expect(await running.exited).toBe(null);
    // Acks the server wrote before it died are read once the clients see the connection close.
    await waitUntil(() => clients.every((c) => !c.socket.connected), 10_000, 'the clients to notice');
    expect(clients.map((c) => c.otherDrops)).toEqual(clients.map(() => 1));
    const ackedBeforeKill = new Map(acks);
    const unackedAtKill = new Set(inFlight);

    running = startChat(env);
    await waitForHealth(port, running);
    expect(running.output()).not.toContain('first start');

    // Before any client is back: every acknowledged message survived the kill, as acknowledged,
    // and the only others stored are sends that were unacknowledged when it came.
    const afterRestart = await storedMessages(conversations);
    expectAcksMatchStore(ackedBeforeKill, afterRestart);
    const storedIds = [...afterRestart.values()].flat().map((m) => m.clientMessageId!);
    const committedUnacked = storedIds.filter((id) => !ackedBeforeKill.has(id));
    expect(committedUnacked.filter((id) => !unackedAtKill.has(id))).toEqual([]);
    for (const list of afterRestart.values())
      expect(list.map((m) => m.seq)).toEqual(Array.from({ length: list.length }, (_, i) => i + 1));

    // The clients come back, resume, resend what was unacknowledged (same client ids), finish.
    openGate();
    await Promise.all([storm, ...flushed]);

    const final = await storedMessages(conversations);
    const finalRows = [...final.values()].flat();
    expect(acks.size).toBe(TOTAL);
    expect(finalRows).toHaveLength(TOTAL);
    expect(new Set(finalRows.map((m) => m.clientMessageId)).size).toBe(TOTAL);
    expectAcksMatchStore(acks, final);
    // A resend of a message stored before the kill was answered with its original acknowledgement.
    for (const [id, list] of afterRestart) expect(final.get(id)!.slice(0, list.length)).toEqual(list);
    // Every send unacknowledged at the kill was resent, and is acknowledged now.
    for (const id of unackedAtKill) expect(acks.has(id), id).toBe(true);

    // Each client, resuming from the last seq it saw, got every message once, in order.
    await waitUntil(
      () =>
        clients.every((c) => c.socket.connected) &&
        users.every((c, i) => c.seen(conversations[i]!).length >= final.get(conversations[i]!)!.length) &&
        conversations.every((id) => agent.seen(id).length >= final.get(id)!.length),
      20_000,
      'every client to have caught up',
    );
    await sleep(300); // anything extra (a duplicate) would land now
    users.forEach((c, i) => expectSeenExactlyOnce(c, conversations[i]!, final.get(conversations[i]!)!));
    for (const id of conversations) expectSeenExactlyOnce(agent, id, final.get(id)!);

    expect(ackedBeforeKill.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(unackedAtKill.size).toBeGreaterThan(0);
    await annotate(
      `${kind}: ${ackedBeforeKill.size} of ${TOTAL} messages acknowledged before the kill; ` +
        `${unackedAtKill.size} unacknowledged at the kill and resent after the restart ` +
        `(${committedUnacked.length} of them already stored: answered with their original ack); ` +
        `${TOTAL - ackedBeforeKill.size - unackedAtKill.size} more sent after the restart.`,
    );

    for (const c of clients) c.close();
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  }, 60_000);
});
