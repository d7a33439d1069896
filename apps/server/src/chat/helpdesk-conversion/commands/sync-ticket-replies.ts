import { pino } from 'pino';
import { htmlToText } from '../../../platform/text/html.js';
import { enqueueJob, type JobsDb } from '../../../platform/jobs/index.js';
import type { ChatContext, ChatServices } from '../../context.js';
import { sendMessage } from '../../conversations/index.js';
import { findHelpdeskConnection, helpdeskClientOf, HelpdeskError } from '../../helpdesk/index.js';
import type { ChatDb } from '../../db.js';
import { findActiveAgentIdByEmail, hasLiveJob, listLinkedConversations } from '../conversion.repository.js';

/*
 * B6 (opt-in, `ticket_replies_to_chat`): public replies agents make on a ticket that came from a
 * conversation are posted back into that conversation. One poller job for the whole account asks
 * the helpdesk which tickets changed since its last run, then reads only the linked ones. Each
 * reply is posted with client message id `helpdesk-reply-<id>`, so a reply is posted once however
 * often it is read.
 */

export const REPLY_QUEUE = 'helpdesk-ticket-replies';
/** How often the poller asks the helpdesk (and how long it waits when the switch is off). */
export const REPLY_POLL_MS = 60_000;
/** Tickets converted longer ago than this are no longer watched. */
const WATCH_MS = 14 * 24 * 3600_000;

const quiet = pino({ enabled: false });

/** Starts the poller unless one is already waiting (called when a conversation gets its ticket). */
export async function ensureReplyPoller(db: ChatDb) {
  if (await hasLiveJob(db, REPLY_QUEUE)) return;
  await enqueueJob(
    db as JobsDb,
    REPLY_QUEUE,
    { since: new Date().toISOString() },
    {
      runAt: new Date(Date.now() + REPLY_POLL_MS),
      maxAttempts: 3,
    },
  );
}

interface TicketNote {
  id: number;
  body?: unknown;
  body_text?: unknown;
  private?: unknown;
  incoming?: unknown;
  user_id?: unknown;
  created_at?: unknown;
}

/** One run: posts new public replies, then schedules the next run while linked tickets are watched. */
export async function syncTicketReplies(services: ChatServices, since: Date) {
  const startedAt = new Date();
  const linked = await listLinkedConversations(services.db, new Date(Date.now() - WATCH_MS));
  const connection = await findHelpdeskConnection(services.db);
  if (connection?.ticket_replies_to_chat && linked.length > 0) {
    const client = await helpdeskClientOf(services);
    // A minute of overlap: a reply committed while the previous run read is not missed (the
    // client message id keeps it from being posted twice).
    const fromTime = since.getTime() - 60_000;
    const from = new Date(fromTime).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const changed = new Set(
      (await client.listAll<{ id: number }>(`/tickets?updated_since=${from}`)).map((t) => t.id),
    );
    const agentByHelpdeskUser = new Map<number, string | undefined>();
    for (const conversation of linked) {
      if (!conversation.ticket_id || !changed.has(conversation.ticket_id)) continue;
      const notes = await client.listAll<TicketNote>(`/tickets/${conversation.ticket_id}/conversations`);
      for (const note of notes) {
        if (note.private !== false || note.incoming !== false) continue;
        // Only replies made since the last run (and after the conversion): none from while the switch was off.
        const madeAt = typeof note.created_at === 'string' ? Date.parse(note.created_at) : NaN;
        if (!(madeAt >= Math.max(fromTime, conversation.converted_at.getTime() - 1000))) continue;
        const text =
          typeof note.body_text === 'string' ? note.body_text : htmlToText(String(note.body ?? ''));
        if (!text.trim()) continue;
        let agentId: string | undefined;
        if (typeof note.user_id === 'number') {
          if (!agentByHelpdeskUser.has(note.user_id)) {
            const agent = await client
              .get<{ contact?: { email?: unknown } }>(`/agents/${note.user_id}`)
              .catch(() => undefined);
            const email = agent?.contact?.email;
            agentByHelpdeskUser.set(
              note.user_id,
              typeof email === 'string' ? await findActiveAgentIdByEmail(services.db, email) : undefined,
            );
          }
          agentId = agentByHelpdeskUser.get(note.user_id);
        }
        // A helpdesk agent with no Chat account speaks through the conversation's agent.
        agentId ??= conversation.assigned_agent_id ?? conversation.resolved_agent_id ?? undefined;
        if (!agentId) continue;
        const ctx: ChatContext = {
          actor: { kind: 'agent', agentId, role: 'agent' },
          db: services.db,
          requestId: `ticket-reply:${note.id}`,
          log: quiet,
          services,
        };
        await sendMessage(ctx, {
          conversationId: conversation.id,
          actorType: 'agent',
          actorId: agentId,
          messageParts: [{ text: { content: text.trim().slice(0, 10_000) } }],
          clientMessageId: `helpdesk-reply-${note.id}`,
          source: 'helpdesk',
        });
      }
    }
  }
  // Nothing to watch: the next conversion starts the poller again. Another poller waiting: let it run.
  if (linked.length === 0 || (await hasLiveJob(services.db, REPLY_QUEUE, ['pending']))) return;
  await enqueueJob(
    services.db as JobsDb,
    REPLY_QUEUE,
    { since: startedAt.toISOString() },
    {
      runAt: new Date(Date.now() + REPLY_POLL_MS),
      maxAttempts: 3,
    },
  );
}

/**
 * The poller's job. A failed run (helpdesk unreachable, rate limited) is tried again later from
 * the same point, so no reply is skipped and the poller never dies of one bad minute.
 */
export async function runReplyPoll(services: ChatServices, payload: unknown, log = quiet) {
  const given = new Date(String((payload as { since?: unknown })?.since ?? ''));
  const since = Number.isNaN(given.getTime()) ? new Date(Date.now() - REPLY_POLL_MS) : given;
  try {
    await syncTicketReplies(services, since);
  } catch (error) {
    log.warn({ err: error }, 'ticket reply poll failed');
    if (await hasLiveJob(services.db, REPLY_QUEUE, ['pending'])) return;
    const retryAt =
      error instanceof HelpdeskError && error.retryAt ? error.retryAt : new Date(Date.now() + REPLY_POLL_MS);
    await enqueueJob(
      services.db as JobsDb,
      REPLY_QUEUE,
      { since: since.toISOString() },
      { runAt: retryAt, maxAttempts: 3 },
    );
  }
}
