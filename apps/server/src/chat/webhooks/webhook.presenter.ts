import { isoTime } from '../../platform/http/format.js';
import type { DeliveryRow, WebhookRow } from './webhook.repository.js';

/** A webhook as listed: never its secret, which is shown once at creation only. */
export function presentWebhook(row: WebhookRow) {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    active: row.active,
    created_time: isoTime(row.created_at),
    updated_time: isoTime(row.updated_at),
  };
}

/** One delivery attempt from the log. */
export function presentDelivery(row: DeliveryRow) {
  return {
    id: row.id,
    webhook_id: row.webhook_id,
    event: row.event,
    status_code: row.status_code,
    error: row.error,
    attempt: row.attempt,
    duration_ms: row.duration_ms,
    created_time: isoTime(row.created_at),
  };
}
