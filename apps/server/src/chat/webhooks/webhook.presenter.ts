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

/**
 * Where a logged attempt leaves its delivery: `delivered` (2xx); `retry_scheduled` (failed, the
 * queue runs it again at `next_retry_time`); `retried` (a later attempt followed); `given_up`
 * (failed and no attempts left); `failed` (failed, and the job's state is no longer kept).
 */
export type DeliveryState = 'delivered' | 'retry_scheduled' | 'retried' | 'given_up' | 'failed';

function deliveryState(row: DeliveryRow): DeliveryState {
  if (row.error === null) return 'delivered';
  if (row.job_attempts === null || row.job_status === null) return 'failed';
  if (row.job_attempts > row.attempt) return 'retried';
  if (row.job_status === 'pending') return 'retry_scheduled';
  if (row.job_status === 'failed') return 'given_up';
  // The attempt just failed and the queue has not recorded it yet.
  return 'failed';
}

/** One delivery attempt from the log. */
export function presentDelivery(row: DeliveryRow) {
  const state = deliveryState(row);
  return {
    id: row.id,
    webhook_id: row.webhook_id,
    event: row.event,
    status_code: row.status_code,
    error: row.error,
    attempt: row.attempt,
    duration_ms: row.duration_ms,
    state,
    max_attempts: row.job_max_attempts,
    next_retry_time: state === 'retry_scheduled' ? isoTime(row.job_run_at) : null,
    created_time: isoTime(row.created_at),
  };
}
