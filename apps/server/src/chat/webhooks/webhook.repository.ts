import type { ChatDb, WebhookEvent } from '../db.js';

const COLUMNS = ['id', 'url', 'events', 'active', 'created_at', 'updated_at'] as const;
const DELIVERY_COLUMNS = [
  'id',
  'webhook_id',
  'event',
  'status_code',
  'error',
  'attempt',
  'duration_ms',
  'created_at',
] as const;

export function listWebhooks(db: ChatDb, limit: number, offset: number) {
  return db
    .selectFrom('webhooks')
    .select(COLUMNS)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countWebhooks(db: ChatDb) {
  const row = await db
    .selectFrom('webhooks')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findWebhook(db: ChatDb, id: string) {
  return db.selectFrom('webhooks').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export type WebhookRow = NonNullable<Awaited<ReturnType<typeof findWebhook>>>;

/** What a delivery needs: the target and its sealed secret. */
export function findWebhookTarget(db: ChatDb, id: string) {
  return db
    .selectFrom('webhooks')
    .select(['id', 'url', 'secret_encrypted', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

function findActiveWebhooks(db: ChatDb) {
  return db.selectFrom('webhooks').select(['id', 'events']).where('active', '=', true).execute();
}

/** Bumped by every webhook write in this process: cached lists older than this are reloaded. */
let webhookWrites = 0;
const webhooksChanged = () => {
  webhookWrites += 1;
};

/** How long another process's webhook change may go unseen by a cache in this one. */
export const SUBSCRIBED_WEBHOOKS_TTL_MS = 5000;

/**
 * Active webhooks subscribed to an event (few per account, so filtered here rather than in SQL),
 * kept in memory so that a message transaction with no subscribed webhook runs no webhook query.
 * This process's webhook writes (insert, update, delete below) invalidate it at once. A change
 * made through another process is seen within `ttlMs` (default 5 s): a webhook created, changed
 * or deactivated there takes up to that long to start or stop receiving this process's events,
 * which is acceptable for webhooks (a delivery still checks that its webhook is active).
 */
export function cachedSubscribedWebhooks(ttlMs = SUBSCRIBED_WEBHOOKS_TTL_MS) {
  let cached:
    { rows: Awaited<ReturnType<typeof findActiveWebhooks>>; writes: number; at: number } | undefined;
  const fresh = (now: number) => !!cached && cached.writes === webhookWrites && now - cached.at < ttlMs;
  const subscribed = async (db: ChatDb, event: WebhookEvent) => {
    const now = Date.now();
    if (!cached || !fresh(now)) {
      // Taken before the read: a write landing during it leaves this entry already stale.
      const writes = webhookWrites;
      cached = { rows: await findActiveWebhooks(db), writes, at: now };
    }
    return cached.rows.filter((row) => row.events.includes(event));
  };
  /** Without I/O: whether an active webhook is subscribed to `event`; undefined when the cache is stale. */
  const peek = (event: WebhookEvent): boolean | undefined =>
    cached && fresh(Date.now()) ? cached.rows.some((row) => row.events.includes(event)) : undefined;
  return Object.assign(subscribed, { peek });
}

export async function insertWebhook(
  db: ChatDb,
  values: { id: string; url: string; events: WebhookEvent[]; active: boolean; secret_encrypted: string },
) {
  const now = new Date();
  const row = await db
    .insertInto('webhooks')
    .values({ ...values, created_at: now, updated_at: now })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  webhooksChanged();
  return row;
}

export async function updateWebhook(
  db: ChatDb,
  id: string,
  changes: { url?: string; events?: WebhookEvent[]; active?: boolean },
) {
  const row = await db
    .updateTable('webhooks')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirst();
  webhooksChanged();
  return row;
}

/** Deletes a webhook and (by cascade) its delivery log; false when unknown. */
export async function deleteWebhook(db: ChatDb, id: string) {
  const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  webhooksChanged();
  return result.numDeletedRows > 0n;
}

export function insertDelivery(
  db: ChatDb,
  values: {
    id: string;
    webhook_id: string;
    event: string;
    status_code: number | null;
    error: string | null;
    attempt: number;
    duration_ms: number;
    job_id: string | null;
  },
) {
  return db
    .insertInto('webhook_deliveries')
    .values({ ...values, created_at: new Date() })
    .execute();
}

/** Deletes delivery log entries written before `before` (the log is kept for a retention period). */
export async function pruneDeliveries(db: ChatDb, before: Date) {
  const result = await db
    .deleteFrom('webhook_deliveries')
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Replaces a webhook's sealed signing secret; false when there is no such webhook. */
export async function replaceWebhookSecret(db: ChatDb, id: string, secretEncrypted: string) {
  const result = await db
    .updateTable('webhooks')
    .set({ secret_encrypted: secretEncrypted, updated_at: new Date() })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Newest first, each with its queue job's state when the job is still kept (finished jobs are
 * pruned sooner than the log): attempts so far, the limit, and when it runs next.
 */
export function listDeliveries(db: ChatDb, webhookId: string, limit: number, offset: number) {
  return db
    .selectFrom('webhook_deliveries as d')
    .leftJoin('jobs as j', 'j.id', 'd.job_id')
    .select(DELIVERY_COLUMNS.map((column) => `d.${column}` as const))
    .select([
      'j.status as job_status',
      'j.attempts as job_attempts',
      'j.max_attempts as job_max_attempts',
      'j.run_at as job_run_at',
    ])
    .where('d.webhook_id', '=', webhookId)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.attempt', 'desc')
    .orderBy('d.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countDeliveries(db: ChatDb, webhookId: string) {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('webhook_id', '=', webhookId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>[number];

/** The account's app id, shown in payloads like in API responses. */
export async function findAppId(db: ChatDb) {
  const row = await db.selectFrom('accounts').select('app_id').executeTakeFirst();
  return row?.app_id ?? null;
}
