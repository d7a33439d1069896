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

/** Active webhooks subscribed to `event` (few per account, so filtered here rather than in SQL). */
export async function findSubscribedWebhooks(db: ChatDb, event: WebhookEvent) {
  const rows = await db.selectFrom('webhooks').select(['id', 'events']).where('active', '=', true).execute();
  return rows.filter((row) => row.events.includes(event));
}

export function insertWebhook(
  db: ChatDb,
  values: { id: string; url: string; events: WebhookEvent[]; active: boolean; secret_encrypted: string },
) {
  const now = new Date();
  return db
    .insertInto('webhooks')
    .values({ ...values, created_at: now, updated_at: now })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

export function updateWebhook(
  db: ChatDb,
  id: string,
  changes: { url?: string; events?: WebhookEvent[]; active?: boolean },
) {
  return db
    .updateTable('webhooks')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirst();
}

/** Deletes a webhook and (by cascade) its delivery log; false when unknown. */
export async function deleteWebhook(db: ChatDb, id: string) {
  const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
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
  },
) {
  return db
    .insertInto('webhook_deliveries')
    .values({ ...values, created_at: new Date() })
    .execute();
}

/** Newest first. */
export function listDeliveries(db: ChatDb, webhookId: string, limit: number, offset: number) {
  return db
    .selectFrom('webhook_deliveries')
    .select(DELIVERY_COLUMNS)
    .where('webhook_id', '=', webhookId)
    .orderBy('created_at', 'desc')
    .orderBy('attempt', 'desc')
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
