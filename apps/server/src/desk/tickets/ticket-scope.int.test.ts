import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAgent,
  startTestDesk,
  TEST_DATABASE_KINDS,
  type TestDesk,
} from '../../test/desk-harness.js';
import { insertGroup, multipart } from './ticket-test-helpers.js';

type Scope = 'global' | 'group' | 'restricted' | 'groupless';
type TicketName = 'inG1' | 'inG2' | 'g2MineAsGroupAgent' | 'mineAsRestricted' | 'unassigned';
const TICKETS: TicketName[] = ['inG1', 'inG2', 'g2MineAsGroupAgent', 'mineAsRestricted', 'unassigned'];

/** Which tickets each scope may see: global all; group its groups' and its own; restricted its own. */
const VISIBLE: Record<Scope, TicketName[]> = {
  global: TICKETS,
  // mineAsRestricted sits in G1 (assigned to the restricted agent), so G1's agent sees it too.
  group: ['inG1', 'g2MineAsGroupAgent', 'mineAsRestricted'],
  restricted: ['mineAsRestricted'],
  // Group scope without any group: only what is assigned to the agent (nothing here).
  groupless: [],
};

describe.each(TEST_DATABASE_KINDS)('ticket scope matrix (%s)', (kind) => {
  let desk: TestDesk;
  const keys = {} as Record<Scope, string>;
  const ids = {} as Record<TicketName, number>;
  const attachmentIds = {} as Record<TicketName, number>;

  beforeAll(async () => {
    desk = await startTestDesk(kind, { rateLimitPerMinute: 100_000 });
    const g1 = await insertGroup(desk, 'G1');
    const g2 = await insertGroup(desk, 'G2');
    const global = await createTestAgent(desk, { ticketScope: 1 });
    const group = await createTestAgent(desk, { ticketScope: 2, groupIds: [g1] });
    const restricted = await createTestAgent(desk, { ticketScope: 3, groupIds: [g1, g2] });
    const groupless = await createTestAgent(desk, { ticketScope: 2 });
    Object.assign(keys, {
      global: global.apiKey,
      group: group.apiKey,
      restricted: restricted.apiKey,
      groupless: groupless.apiKey,
    });
    const specs: Record<TicketName, [string, string][]> = {
      inG1: [['group_id', String(g1)]],
      inG2: [['group_id', String(g2)]],
      g2MineAsGroupAgent: [
        ['group_id', String(g2)],
        ['responder_id', String(group.id)],
      ],
      // In G1 too: restricted access ignores groups, so this must still be its only ticket.
      mineAsRestricted: [
        ['group_id', String(g1)],
        ['responder_id', String(restricted.id)],
      ],
      unassigned: [],
    };
    for (const name of TICKETS) {
      const body = multipart(
        [['email', 'customer@example.com'], ['subject', name], ['description', name], ...specs[name]],
        [
          {
            field: 'attachments[]',
            filename: `${name}.txt`,
            contentType: 'text/plain',
            data: Buffer.from(name),
          },
        ],
      );
      const res = await desk.call('POST', '/api/v2/tickets', body);
      expect(res.statusCode).toBe(201);
      ids[name] = res.data.id;
      attachmentIds[name] = res.data.attachments[0].id;
    }
  });
  afterAll(async () => desk?.close());

  const scopes: Scope[] = ['global', 'group', 'restricted', 'groupless'];

  it.each(scopes)('%s: lists contain exactly the visible tickets', async (scope) => {
    const expected = VISIBLE[scope].map((n) => ids[n]).sort((a, b) => a - b);
    const list = await desk.call('GET', '/api/v2/tickets?per_page=100', { key: keys[scope] });
    expect(list.statusCode).toBe(200);
    expect(list.data.map((t: { id: number }) => t.id).sort((a: number, b: number) => a - b)).toEqual(
      expected,
    );
    const open = await desk.call('GET', '/api/v2/tickets?filter=new_and_my_open&include=requester', {
      key: keys[scope],
    });
    for (const t of open.data) expect(expected).toContain(t.id);
  });

  it.each(scopes)('%s: any agent may create a ticket', async (scope) => {
    const res = await desk.call('POST', '/api/v2/tickets', {
      key: keys[scope],
      body: { email: 'customer@example.com', subject: 'mine', description: 'x' },
    });
    expect(res.statusCode).toBe(201);
    await desk.services.db.deleteFrom('tickets').where('id', '=', res.data.id).execute();
  });

  const cases = scopes.flatMap((scope) => TICKETS.map((ticket) => [scope, ticket] as const));

  it.each(cases)('%s agent on ticket %s: every endpoint allows or answers 403', async (scope, name) => {
    const key = keys[scope];
    const id = ids[name];
    const allowed = VISIBLE[scope].includes(name);
    const denied = { code: 'access_denied', message: 'You are not authorized to perform this action.' };
    const expectStatus = (res: { statusCode: number; data: unknown }, ok: number) => {
      expect(res.statusCode).toBe(allowed ? ok : 403);
      if (!allowed) expect(res.data).toEqual(denied);
    };
    const adminNote = async () =>
      (await desk.call('POST', `/api/v2/tickets/${id}/notes`, { body: { body: 'admin note' } })).data
        .id as number;

    expectStatus(await desk.call('GET', `/api/v2/tickets/${id}?include=stats`, { key }), 200);
    expectStatus(await desk.call('PUT', `/api/v2/tickets/${id}`, { key, body: { priority: 2 } }), 200);
    expectStatus(await desk.call('POST', `/api/v2/tickets/${id}/reply`, { key, body: { body: 'hi' } }), 201);
    expectStatus(await desk.call('POST', `/api/v2/tickets/${id}/notes`, { key, body: { body: 'n' } }), 201);
    expectStatus(
      await desk.call('POST', `/api/v2/tickets/${id}/notes`, {
        key,
        ...multipart([['body', 'multipart note']]),
      }),
      201,
    );
    expectStatus(await desk.call('GET', `/api/v2/tickets/${id}/conversations`, { key }), 200);
    expectStatus(await desk.call('GET', `/api/v2/attachments/${attachmentIds[name]}`, { key }), 200);
    expectStatus(
      await desk.call('PUT', `/api/v2/conversations/${await adminNote()}`, { key, body: { body: 'edit' } }),
      200,
    );
    expectStatus(await desk.call('DELETE', `/api/v2/conversations/${await adminNote()}`, { key }), 204);

    if (allowed) {
      expect((await desk.call('DELETE', `/api/v2/tickets/${id}`, { key })).statusCode).toBe(204);
      expect((await desk.call('PUT', `/api/v2/tickets/${id}/restore`, { key })).statusCode).toBe(204);
    } else {
      expectStatus(await desk.call('DELETE', `/api/v2/tickets/${id}`, { key }), 204);
      // Restore is checked against scope too: trash it as admin, the agent still cannot restore.
      expect((await desk.call('DELETE', `/api/v2/tickets/${id}`)).statusCode).toBe(204);
      expectStatus(await desk.call('PUT', `/api/v2/tickets/${id}/restore`, { key }), 204);
      expect((await desk.call('PUT', `/api/v2/tickets/${id}/restore`)).statusCode).toBe(204);
    }
    const after = await desk.call('GET', `/api/v2/tickets/${id}`);
    expect(after.data.deleted).toBe(false);
  });

  it.each(scopes)('%s: the trash list is scoped too', async (scope) => {
    for (const name of TICKETS) await desk.call('DELETE', `/api/v2/tickets/${ids[name]}`);
    const trash = await desk.call('GET', '/api/v2/tickets?filter=deleted', { key: keys[scope] });
    expect(trash.data.map((t: { id: number }) => t.id).sort((a: number, b: number) => a - b)).toEqual(
      VISIBLE[scope].map((n) => ids[n]).sort((a, b) => a - b),
    );
    for (const name of TICKETS) await desk.call('PUT', `/api/v2/tickets/${ids[name]}/restore`);
  });
});
