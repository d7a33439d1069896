import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { startLinkedPair, type LinkedPair } from '../../test/linked-harness.js';
import {
  client,
  connected,
  waitFor,
  widgetCredentials,
  widgetUser,
} from '../realtime/realtime-test-helpers.js';
import {
  addDeskField,
  connectChatToDesk,
  deskTicketsTagged,
  insertChatUser,
  makeChatAgent,
  makeChatUser,
  makeConversation,
  setConnectionUrl,
  settings,
  tagOf,
} from './conversion-test-helpers.js';

/**
 * A proxy in front of Desk that loses Desk's answer to the first POST /tickets (the ticket is
 * made, Chat never hears back): what a timeout looks like from Chat.
 */
async function answerLosingProxy(target: string) {
  let dropped = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const upstream = http.request(
        `${target}${req.url}`,
        { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            if (req.method === 'POST' && req.url === '/api/v2/tickets' && dropped === 0) {
              dropped++;
              res.socket?.destroy();
              return;
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(body));
          });
        },
      );
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dropped: () => dropped,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(TEST_DATABASE_KINDS)('Convert a conversation into a ticket (%s)', (kind) => {
  let pair: LinkedPair;
  let connector: { id: number; apiKey: string };
  let agentId: string;
  let userId: string;
  let roleIds: Record<string, number>;

  const convert = (conversationId: string, body: Record<string, unknown>) =>
    pair.chat.call('POST', `/v2/conversations/${conversationId}/ticket-conversion`, { body });
  const deskTicket = async (id: number) => {
    const res = await pair.desk.call('GET', `/api/v2/tickets/${id}?include=requester`);
    expect(res.statusCode, res.body).toBe(200);
    return res.data;
  };
  const updateConnector = async (body: Record<string, unknown>) => {
    const res = await pair.desk.call('PUT', `/api/v2/agents/${connector.id}`, { body });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    pair = await startLinkedPair(kind, { desk: { rateLimitPerMinute: 100_000 } });
    connector = await connectChatToDesk(pair);
    const roles = await pair.desk.call('GET', '/api/v2/roles');
    roleIds = Object.fromEntries((roles.data as { id: number; name: string }[]).map((r) => [r.name, r.id]));
    await addDeskField(pair, {
      label: 'Plan',
      type: 'custom_dropdown',
      choices: [{ value: 'Free' }, { value: 'Pro' }, { value: 'Enterprise' }],
    });
    await addDeskField(pair, { label: 'Chat ref', type: 'custom_text' });
    const property = await pair.chat.call('POST', '/v2/users/fields', {
      body: { name: 'cf_plan', label: 'Plan', type: 'dropdown', choices: ['Free', 'Pro'] },
    });
    expect(property.statusCode, property.body).toBe(201);
    const saved = await pair.chat.call('PUT', '/v2/integrations/helpdesk/field-mappings', {
      body: {
        mappings: [
          { ticket_field: 'subject', attribute: 'first_user_message', show_field: true },
          { ticket_field: 'cf_plan', attribute: 'user_property:cf_plan', show_field: true },
          { ticket_field: 'cf_chat_ref', attribute: 'conversation_id', show_field: false },
          { ticket_field: 'priority', attribute: 'fixed', fixed_value: 'High', show_field: false },
        ],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    agentId = await makeChatAgent(pair, 'Grace');
    userId = await makeChatUser(pair, {
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.com',
      properties: [{ name: 'cf_plan', value: 'Pro' }],
    });
  });
  afterAll(async () => pair?.close());

  it('creates a new ticket from the mapping and the agent edits, links both ways and resolves', async () => {
    const conversationId = await makeConversation(pair, userId, agentId);
    const preview = await pair.chat.call(
      'GET',
      `/v2/conversations/${conversationId}/ticket-conversion/preview`,
    );
    expect(preview.statusCode, preview.body).toBe(200);
    type PreviewField = { name: string; value: unknown; editable: boolean; type: string };
    const byName: Record<string, PreviewField> = Object.fromEntries(
      (preview.data.fields as PreviewField[]).map((f) => [f.name, f]),
    );
    expect(byName.subject).toMatchObject({ value: 'My order never arrived', editable: true });
    expect(byName.cf_plan).toMatchObject({ value: 'Pro', editable: true, type: 'custom_dropdown' });
    expect(byName.cf_chat_ref).toMatchObject({ value: conversationId, editable: false });
    expect(byName.requester).toMatchObject({ value: 'ada@example.com' });
    expect(preview.data.state.state).toBe('none');

    // A field not shown to agents cannot be edited; nothing reaches the helpdesk.
    const refused = await convert(conversationId, { mode: 'new', fields: { cf_chat_ref: 'mine' } });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.data.details).toEqual([
      expect.objectContaining({ field: 'fields.cf_chat_ref', code: 'readonly_field' }),
    ]);
    expect(await deskTicketsTagged(pair, tagOf(conversationId))).toHaveLength(0);

    const res = await convert(conversationId, {
      mode: 'new',
      fields: { cf_plan: 'Enterprise', subject: 'Parcel lost in transit' },
      resolve: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const ticketId = res.data.ticket.id as number;
    expect(res.data.ticket.url).toBe(`${pair.deskUrl}/a/tickets/${ticketId}`);
    expect(res.data.conversation).toMatchObject({
      status: 'resolved',
      ticket: { id: ticketId, url: res.data.ticket.url },
    });

    const ticket = await deskTicket(ticketId);
    expect(ticket).toMatchObject({
      source: 7,
      subject: 'Parcel lost in transit',
      priority: 3,
      custom_fields: { cf_plan: 'Enterprise', cf_chat_ref: conversationId },
      requester: { email: 'ada@example.com', name: 'Ada Lovelace' },
    });
    expect(ticket.tags).toContain(tagOf(conversationId));
    // The transcript: names, times, the agent's words escaped, the file linked, the way back to Chat.
    expect(ticket.description).toContain('<strong>Ada Lovelace</strong>: My order never arrived');
    expect(ticket.description).toContain(
      '<strong>Grace Smith</strong>: Sorry to hear that &lt;b&gt;!&lt;/b&gt;',
    );
    expect(ticket.description).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(ticket.description).toContain('<a href="https://files.example.com/receipt.pdf">receipt.pdf</a>');
    expect(ticket.description).toContain(`/v2/conversations/${conversationId}`);
    expect(ticket.description).not.toContain('grumpy');

    const view = await pair.chat.call('GET', `/v2/conversations/${conversationId}`);
    expect(view.data.ticket).toEqual({ id: ticketId, url: res.data.ticket.url });
    const state = await pair.chat.call('GET', `/v2/conversations/${conversationId}/ticket-conversion`);
    expect(state.data).toMatchObject({
      state: 'done',
      ticket: { id: ticketId },
      error: null,
      integration: { connected: true, conversion_mandatory: false },
    });

    // Sending the same request again answers the same ticket: still exactly one.
    const again = await convert(conversationId, { mode: 'new', resolve: true });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.data.ticket.id).toBe(ticketId);
    expect(await deskTicketsTagged(pair, tagOf(conversationId))).toHaveLength(1);
  });

  it('adds the transcript as a note to one of the user’s tickets, offered in the preview', async () => {
    const made = await pair.desk.call('POST', '/api/v2/tickets', {
      body: {
        email: 'ada@example.com',
        subject: 'Earlier problem',
        description: 'x',
        status: 2,
        priority: 1,
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const conversationId = await makeConversation(pair, userId, agentId, 'Same problem again');
    const preview = await pair.chat.call(
      'GET',
      `/v2/conversations/${conversationId}/ticket-conversion/preview`,
    );
    expect(preview.data.recent_tickets).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: made.data.id, subject: 'Earlier problem' })]),
    );
    const unnamed = await convert(conversationId, { mode: 'existing' });
    expect(unnamed.statusCode, unnamed.body).toBe(400);
    expect(unnamed.data.details).toEqual([
      expect.objectContaining({ field: 'ticket_id', code: 'missing_field' }),
    ]);
    const missing = await convert(conversationId, { mode: 'existing', ticket_id: 987654 });
    expect(missing.statusCode, missing.body).toBe(502);
    expect(missing.data.helpdesk).toMatchObject({
      cause: 'not_found',
      field: 'ticket_id',
      answer: { status: 404 },
    });
    const res = await convert(conversationId, { mode: 'existing', ticket_id: made.data.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data.conversation).toMatchObject({ status: 'assigned', ticket: { id: made.data.id } });
    const notes = await pair.desk.call('GET', `/api/v2/tickets/${made.data.id}/conversations`);
    const bodies = (notes.data as { body: string; private: boolean }[]).filter((n) =>
      n.body.includes('Same problem again'),
    );
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.private).toBe(true);
    expect(bodies[0]!.body).toContain('<strong>Ada Lovelace</strong>');
  });

  it('creates no second ticket when the answer to the first was lost', async () => {
    const proxy = await answerLosingProxy(pair.deskUrl);
    await setConnectionUrl(pair, proxy.url);
    try {
      const conversationId = await makeConversation(pair, userId, agentId, 'Lost answer case');
      const first = await convert(conversationId, { mode: 'new', fields: { cf_plan: 'Free' } });
      expect(first.statusCode, first.body).toBe(502);
      expect(first.data.helpdesk.cause).toBe('unreachable');
      expect(proxy.dropped()).toBe(1);
      // Desk did make it; the state keeps what the agent typed.
      expect(await deskTicketsTagged(pair, tagOf(conversationId))).toHaveLength(1);
      const state = await pair.chat.call('GET', `/v2/conversations/${conversationId}/ticket-conversion`);
      expect(state.data).toMatchObject({
        state: 'failed',
        input: { mode: 'new', fields: { cf_plan: 'Free' } },
      });

      const retry = await convert(conversationId, { mode: 'new', fields: { cf_plan: 'Free' } });
      expect(retry.statusCode, retry.body).toBe(201);
      const tagged = await deskTicketsTagged(pair, tagOf(conversationId));
      expect(tagged).toHaveLength(1);
      expect(retry.data.ticket.id).toBe(tagged[0]!.id);
    } finally {
      await setConnectionUrl(pair, pair.deskUrl);
      await proxy.close();
    }
  });

  it('lets concurrent converts of one conversation make one ticket', async () => {
    const conversationId = await makeConversation(pair, userId, agentId, 'Double click');
    const results = await Promise.all([
      convert(conversationId, { mode: 'new' }),
      convert(conversationId, { mode: 'new' }),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(201);
    expect([201, 409]).toContain(codes[1]);
    expect(await deskTicketsTagged(pair, tagOf(conversationId))).toHaveLength(1);
  });

  it('explains an invalid customer email with the value and the helpdesk’s answer', async () => {
    const badUser = await insertChatUser(pair, { first_name: 'Bob', email: 'bob@example' });
    const conversationId = await makeConversation(pair, badUser, agentId, 'Hello');
    const res = await convert(conversationId, { mode: 'new' });
    expect(res.statusCode, res.body).toBe(502);
    expect(res.data.helpdesk).toMatchObject({ cause: 'invalid_email', field: 'email', value: 'bob@example' });
    expect(res.data.helpdesk.message).toContain('"bob@example"');
    expect(res.data.helpdesk.answer.status).toBe(400);
    expect(JSON.parse(res.data.helpdesk.answer.body).errors[0].field).toBe('email');
  });

  it('names a required field that is unmapped, then mapped but empty, and keeps the agent’s input', async () => {
    const field = await addDeskField(pair, {
      label: 'Order number',
      type: 'custom_text',
      required_for_agents: true,
    });
    try {
      const conversationId = await makeConversation(pair, userId, agentId, 'Where is order 7?');
      const res = await convert(conversationId, { mode: 'new', fields: { subject: 'Order 7 missing' } });
      expect(res.statusCode, res.body).toBe(502);
      expect(res.data.helpdesk).toMatchObject({ cause: 'required_field_missing', field: 'cf_order_number' });
      expect(res.data.helpdesk.message).toContain('"Order number"');
      expect(res.data.helpdesk.message).toContain('not mapped');
      expect(res.data.helpdesk.answer.status).toBe(400);
      expect(res.data.details).toEqual([expect.objectContaining({ field: 'cf_order_number' })]);

      // The dialog comes back with what the agent typed and the failure explained.
      const preview = await pair.chat.call(
        'GET',
        `/v2/conversations/${conversationId}/ticket-conversion/preview`,
      );
      const subject = (preview.data.fields as { name: string; value: unknown }[]).find(
        (f) => f.name === 'subject',
      );
      expect(subject?.value).toBe('Order 7 missing');
      // The field nothing fills is offered to the agent to fill.
      expect(
        (preview.data.fields as { name: string }[]).find((f) => f.name === 'cf_order_number'),
      ).toMatchObject({ required: true, editable: true, mapped_from: null, value: null });
      expect(preview.data.state).toMatchObject({
        state: 'failed',
        error: { cause: 'required_field_missing' },
      });
      expect(preview.data.warnings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ ticket_field: 'cf_order_number', problem: 'required_unmapped' }),
        ]),
      );

      const property = await pair.chat.call('POST', '/v2/users/fields', {
        body: { name: 'cf_order', label: 'Order', type: 'text' },
      });
      expect(property.statusCode, property.body).toBe(201);
      const mapped = await pair.chat.call('PUT', '/v2/integrations/helpdesk/field-mappings', {
        body: {
          mappings: [
            { ticket_field: 'subject', attribute: 'first_user_message', show_field: true },
            { ticket_field: 'cf_plan', attribute: 'user_property:cf_plan', show_field: true },
            { ticket_field: 'cf_chat_ref', attribute: 'conversation_id', show_field: false },
            { ticket_field: 'cf_order_number', attribute: 'user_property:cf_order', show_field: true },
          ],
        },
      });
      expect(mapped.statusCode, mapped.body).toBe(200);
      const empty = await convert(conversationId, { mode: 'new' });
      expect(empty.statusCode, empty.body).toBe(502);
      expect(empty.data.helpdesk.cause).toBe('required_field_missing');
      expect(empty.data.helpdesk.message).toContain('mapped to user_property:cf_order, which is empty');

      const filled = await convert(conversationId, { mode: 'new', fields: { cf_order_number: 'A-7' } });
      expect(filled.statusCode, filled.body).toBe(201);
      expect((await deskTicket(filled.data.ticket.id)).custom_fields.cf_order_number).toBe('A-7');
    } finally {
      await pair.desk.call('DELETE', `/api/v2/admin/ticket_fields/${field.id}`);
    }
  });

  it('explains a key whose agent lost admin, global scope or became occasional', async () => {
    const conversationId = await makeConversation(pair, userId, agentId, 'Key trouble');
    const expectCause = async (cause: string, words: RegExp) => {
      const res = await convert(conversationId, { mode: 'new' });
      expect(res.statusCode, res.body).toBe(502);
      expect(res.data.helpdesk.cause).toBe(cause);
      expect(res.data.helpdesk.message).toMatch(words);
      const state = await pair.chat.call('GET', `/v2/conversations/${conversationId}/ticket-conversion`);
      expect(state.data).toMatchObject({ state: 'failed', error: { cause } });
    };
    await updateConnector({ role_ids: [roleIds.Agent] });
    await expectCause('not_admin', /Connie Connector.*not an administrator/);
    await updateConnector({ role_ids: [roleIds.Administrator], ticket_scope: 2 });
    await expectCause('no_global_scope', /group access/);
    await updateConnector({ ticket_scope: 1, occasional: true });
    await expectCause('occasional_agent', /occasional/);
    await updateConnector({ occasional: false });
    expect(await deskTicketsTagged(pair, tagOf(conversationId))).toHaveLength(0);
    const ok = await convert(conversationId, { mode: 'new' });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses a plain resolve while conversion is mandatory, over every resolve path', async () => {
    await settings(pair, { conversion_mandatory: true });
    try {
      const conversationId = await makeConversation(pair, userId, agentId, 'Mandatory');
      // The inbox reads the rule here to offer only "Convert to ticket" at resolve.
      const offered = await pair.chat.call('GET', `/v2/conversations/${conversationId}/ticket-conversion`);
      expect(offered.data).toMatchObject({
        state: 'none',
        integration: { connected: true, conversion_mandatory: true },
      });
      const plain = await pair.chat.call('PUT', `/v2/conversations/${conversationId}`, {
        body: { status: 'resolved' },
      });
      expect(plain.statusCode, plain.body).toBe(409);
      expect(plain.data.details).toEqual([
        expect.objectContaining({
          field: 'status',
          code: 'inconsistent_state',
          message: expect.stringMatching(/mandatory/),
        }),
      ]);
      const created = await pair.chat.call('POST', '/v2/conversations', {
        body: { users: [{ id: userId }], status: 'resolved' },
      });
      expect(created.statusCode, created.body).toBe(409);
      const converted = await convert(conversationId, { mode: 'new', resolve: true });
      expect(converted.statusCode, converted.body).toBe(201);
      expect(converted.data.conversation.status).toBe('resolved');
      // Reopened and resolved again: it has its ticket, so a plain resolve is fine now.
      await pair.chat.call('PUT', `/v2/conversations/${conversationId}`, { body: { status: 'reopened' } });
      const again = await pair.chat.call('PUT', `/v2/conversations/${conversationId}`, {
        body: { status: 'resolved' },
      });
      expect(again.statusCode, again.body).toBe(200);
    } finally {
      await settings(pair, { conversion_mandatory: false });
    }
    const free = await makeConversation(pair, userId, agentId, 'Optional');
    const plain = await pair.chat.call('PUT', `/v2/conversations/${free}`, { body: { status: 'resolved' } });
    expect(plain.statusCode, plain.body).toBe(200);
  });

  it('asks no CSAT of converted conversations when the switch is on, and still asks the others', async () => {
    const converted = await makeConversation(pair, userId, agentId, 'Converted one');
    const plain = await makeConversation(pair, userId, agentId, 'Plain one');
    expect((await convert(converted, { mode: 'new', resolve: true })).statusCode).toBe(201);
    expect(
      (await pair.chat.call('PUT', `/v2/conversations/${plain}`, { body: { status: 'resolved' } }))
        .statusCode,
    ).toBe(200);
    await settings(pair, { no_csat_for_converted: true });
    try {
      const refused = await pair.chat.call('POST', `/v2/conversations/${converted}/csat`, {
        body: { rating: 5 },
      });
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.data.details[0].message).toMatch(/converted to a ticket/);
      const accepted = await pair.chat.call('POST', `/v2/conversations/${plain}/csat`, {
        body: { rating: 4 },
      });
      expect(accepted.statusCode, accepted.body).toBe(201);
    } finally {
      await settings(pair, { no_csat_for_converted: false });
    }
    const allowed = await pair.chat.call('POST', `/v2/conversations/${converted}/csat`, {
      body: { rating: 5 },
    });
    expect(allowed.statusCode, allowed.body).toBe(201);
  });

  it('posts public ticket replies back into the conversation when the switch is on', async () => {
    const conversationId = await makeConversation(pair, userId, agentId, 'Replies come back?');
    const res = await convert(conversationId, { mode: 'new', resolve: true });
    expect(res.statusCode, res.body).toBe(201);
    const ticketId = res.data.ticket.id as number;
    const messages = async () =>
      (await pair.chat.call('GET', `/v2/conversations/${conversationId}/messages?limit=100`)).data
        .messages as {
        actor_type: string;
        actor_id: string;
        message_source: string;
        message_parts: { text?: { content: string } }[];
      }[];
    const texts = async () => (await messages()).map((m) => m.message_parts[0]?.text?.content ?? '');
    const pollNow = async () => {
      const moved = await pair.chat.services.db
        .updateTable('jobs')
        .set({ run_at: new Date() })
        .where('queue', '=', 'helpdesk-ticket-replies')
        .where('status', '=', 'pending')
        .executeTakeFirst();
      expect(Number(moved.numUpdatedRows)).toBe(1);
    };
    const polled = async () => {
      // The run is over once the poller has put its next run in the queue.
      const started = Date.now();
      for (;;) {
        const next = await pair.chat.services.db
          .selectFrom('jobs')
          .select('run_at')
          .where('queue', '=', 'helpdesk-ticket-replies')
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (next && next.run_at.getTime() > Date.now() + 30_000) return;
        expect(Date.now() - started).toBeLessThan(10_000);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    const reply = await pair.desk.call('POST', `/api/v2/tickets/${ticketId}/reply`, {
      body: { body: '<p>Switch off: stays in the helpdesk</p>' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    await pollNow();
    await polled();
    expect(await texts()).not.toContain('Switch off: stays in the helpdesk');

    await settings(pair, { ticket_replies_to_chat: true });
    try {
      await pair.desk.call('POST', `/api/v2/tickets/${ticketId}/reply`, {
        body: { body: '<p>We shipped a <b>new</b> parcel</p>' },
      });
      await pair.desk.call('POST', `/api/v2/tickets/${ticketId}/notes`, {
        body: { body: '<p>private: refund later</p>' },
      });
      await pollNow();
      await polled();
      const posted = (await messages()).filter((m) => m.message_source === 'helpdesk');
      // (The reply made while it was off is inside the poller's one-minute overlap, so it may come too.)
      expect(posted.map((m) => m.message_parts[0]?.text?.content)).toContain('We shipped a new parcel');
      // The helpdesk's admin has no Chat account: the conversation's agent speaks for them.
      expect(posted.every((m) => m.actor_type === 'agent' && m.actor_id === agentId)).toBe(true);
      expect((await texts()).some((t) => t.includes('refund later'))).toBe(false);

      await pollNow();
      await polled();
      expect((await messages()).filter((m) => m.message_source === 'helpdesk')).toHaveLength(posted.length);
    } finally {
      await settings(pair, { ticket_replies_to_chat: false });
    }
  });

  it('offers the widget user no survey for a converted conversation (REST view and socket)', async () => {
    const site = (
      await pair.chat.services.db.selectFrom('sites').select('id').limit(1).executeTakeFirstOrThrow()
    ).id;
    const creds = await widgetCredentials(pair.chat);
    const { userId: visitor, restoreId } = await widgetUser(pair.chat, site);
    const session = await pair.chat.app.inject({
      method: 'POST',
      url: '/v2/widget/sessions',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        app_id: creds.appId,
        widget_token: creds.widgetToken,
        site_id: site,
        restore_id: restoreId,
      }),
    });
    expect(session.statusCode, session.body).toBe(201);
    const token = JSON.parse(session.body).session_token as string;
    const socket = await connected(client(pair.chatUrl, { ...creds, siteId: site, restoreId }));
    await settings(pair, { no_csat_for_converted: true });
    try {
      const converted = await makeConversation(pair, visitor, agentId, 'Widget converted');
      const plain = await makeConversation(pair, visitor, agentId, 'Widget plain');
      const res = await convert(converted, { mode: 'new', resolve: true });
      expect(res.statusCode, res.body).toBe(201);
      // A user Chat knows nothing about still gets one stable contact in the helpdesk.
      expect((await deskTicket(res.data.ticket.id)).requester.name).toBe('Chat user');
      expect(
        (await pair.chat.call('PUT', `/v2/conversations/${plain}`, { body: { status: 'resolved' } }))
          .statusCode,
      ).toBe(200);
      const resolutions = () =>
        socket
          .of('conversation:updated')
          .filter((u) => (u as { change: string }).change === 'resolution') as {
          conversationId: string;
          csatOffer: unknown;
        }[];
      await waitFor(() => resolutions().length === 2);
      expect(resolutions().find((u) => u.conversationId === converted)?.csatOffer).toBeNull();
      expect(resolutions().find((u) => u.conversationId === plain)?.csatOffer).toEqual({ resolveNumber: 1 });
      const view = (id: string) => pair.chat.call('GET', `/v2/widget/conversations/${id}`, { token });
      expect((await view(converted)).data.csat_offered).toBe(false);
      expect((await view(plain)).data.csat_offered).toBe(true);
    } finally {
      socket.close();
      await settings(pair, { no_csat_for_converted: false });
    }
  });
});
