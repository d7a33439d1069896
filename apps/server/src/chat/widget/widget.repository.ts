import { sql } from 'kysely';
import type { ChatDb } from '../db.js';
import { MESSAGE_COLUMNS_AS_M, type MessageRow } from '../conversations/index.js';

export interface WidgetConversationKey {
  updatedAt: string;
  id: string;
}

/**
 * A widget user's conversations, scoped to the user and site in SQL whatever the caller
 * checked, each with whether its latest resolve was rated (to offer a CSAT survey) and the
 * assigned agent's public columns only.
 */
function conversationsOfUser(db: ChatDb, user: { userId: string; siteId: string }) {
  return (
    db
      .selectFrom('conversations as c')
      .leftJoin('csat_responses as r', (join) =>
        join.onRef('r.conversation_id', '=', 'c.id').onRef('r.resolve_number', '=', 'c.resolve_count'),
      )
      // Reads the agents table for the public face only: no email, role or other column is selected.
      .leftJoin('agents as a', 'a.id', 'c.assigned_agent_id')
      .select([
        'c.id',
        'c.status',
        'c.last_seq',
        'c.resolve_count',
        'c.created_at',
        'c.updated_at',
        // The key as PostgreSQL's text: a JS Date would drop microseconds and repeat or skip rows.
        sql<string>`c.updated_at::text`.as('sort_key'),
        sql<boolean>`r.id IS NOT NULL`.as('rated'),
        // I5: no CSAT for a conversation converted to a ticket while the integration says so.
        sql<boolean>`(c.ticket_id IS NOT NULL AND EXISTS (SELECT 1 FROM helpdesk_connections h WHERE h.no_csat_for_converted))`.as(
          'csat_suppressed',
        ),
        'a.first_name as agent_first_name',
        'a.last_name as agent_last_name',
        'a.avatar_url as agent_avatar_url',
      ])
      .where('c.user_id', '=', user.userId)
      .where('c.site_id', '=', user.siteId)
  );
}

type JoinedRow = Awaited<ReturnType<ReturnType<typeof conversationsOfUser>['execute']>>[number];

/** The row with the agent's columns folded into `assigned_agent` (null when unassigned). */
function withAgent({ agent_first_name, agent_last_name, agent_avatar_url, ...row }: JoinedRow) {
  return {
    ...row,
    assigned_agent:
      agent_first_name === null
        ? null
        : { first_name: agent_first_name, last_name: agent_last_name, avatar_url: agent_avatar_url },
  };
}

/**
 * One page of a widget user's own conversations on their site, newest activity first (keyset
 * on updated_at, id).
 */
export async function listConversationsOfUser(
  db: ChatDb,
  user: { userId: string; siteId: string },
  after: WidgetConversationKey | undefined,
  limit: number,
) {
  let query = conversationsOfUser(db, user);
  if (after) {
    // Row comparison: PostgreSQL walks (updated_at, id) as one key.
    query = query.where(
      sql<boolean>`(c.updated_at, c.id) < (${after.updatedAt}::timestamptz, ${after.id}::uuid)`,
    );
  }
  const rows = await query.orderBy('c.updated_at', 'desc').orderBy('c.id', 'desc').limit(limit).execute();
  return rows.map(withAgent);
}

/** One of the widget user's own conversations on their site, as the list shows it; or undefined. */
export async function findConversationOfUser(
  db: ChatDb,
  user: { userId: string; siteId: string },
  id: string,
) {
  const row = await conversationsOfUser(db, user).where('c.id', '=', id).executeTakeFirst();
  return row && withAgent(row);
}

/**
 * The user's own message with this client id in any of their conversations: the resend of a
 * first message that created a conversation names no conversation yet.
 */
export function findOwnMessageByClientId(
  db: ChatDb,
  userId: string,
  clientMessageId: string,
): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select(MESSAGE_COLUMNS_AS_M)
    .where('c.user_id', '=', userId)
    .where('m.actor_type', '=', 'user')
    .where('m.actor_id', '=', userId)
    .where('m.client_message_id', '=', clientMessageId)
    .executeTakeFirst();
}
