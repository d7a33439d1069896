/**
 * The baseline: a bare Socket.IO relay in its own process, no auth, no database. A user's send
 * is acknowledged with a sequence number from an in-memory counter and emitted to the `agents`
 * room; an agent's reply goes to the room of the conversation's user. The fixtures only map
 * handshakes to rooms (a restore id names its user; a session token makes an agent).
 *
 * Environment: BENCH_FIXTURES (JSON file).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { Fixtures } from './fixtures.js';
import { serveProbe } from './server-probe.js';

interface Send {
  conversationId: string;
  clientMessageId: string;
  parts: unknown[];
}

const fixtures = JSON.parse(await fs.readFile(process.env.BENCH_FIXTURES!, 'utf8')) as Fixtures;
const userOfRestoreId = new Map(fixtures.users.map((u) => [u.restoreId, u.userId]));
const userOfConversation = new Map(fixtures.users.map((u) => [u.conversationId, u.userId]));
const lastSeq = new Map<string, number>();

const http = createServer();
const io = new Server(http, { path: '/socket.io', serveClient: false, cors: { origin: '*' } });

io.on('connection', (socket) => {
  const auth = socket.handshake.auth as { sessionToken?: string; restoreId?: string };
  const agent = typeof auth.sessionToken === 'string';
  const userId = agent ? undefined : userOfRestoreId.get(auth.restoreId ?? '');
  if (agent) void socket.join('agents');
  else if (userId) void socket.join(`user:${userId}`);
  else return void socket.disconnect(true);

  socket.on('message:send', (payload: Send, ack: (result: unknown) => void) => {
    const seq = (lastSeq.get(payload.conversationId) ?? 0) + 1;
    lastSeq.set(payload.conversationId, seq);
    const owner = userOfConversation.get(payload.conversationId);
    const message = {
      id: randomUUID(),
      conversation_id: payload.conversationId,
      actor_type: agent ? 'agent' : 'user',
      actor_id: agent ? 'agent' : userId,
      user_id: owner,
      message_type: 'normal',
      message_parts: payload.parts,
      created_time: new Date().toISOString(),
      seq,
      client_message_id: payload.clientMessageId,
    };
    const event = { conversationId: payload.conversationId, seq, message };
    if (agent) io.to(`user:${owner}`).emit('message:new', event);
    else io.to('agents').emit('message:new', event);
    ack({ ok: true, seq, messageId: message.id, conversationId: payload.conversationId });
  });
});

http.listen(0, '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  serveProbe({ url: `http://127.0.0.1:${port}`, appId: '', widgetToken: '', seedSeconds: 0 }, async () => {
    io.disconnectSockets(true);
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });
});
