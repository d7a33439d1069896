import { enqueueJob } from '../../platform/jobs/index.js';
import type { ChatRecordedListener } from '../events.js';
import { WEBHOOK_QUEUE, type WebhookJobPayload } from './deliver-webhook.js';
import { webhookEnvelope } from './webhook-envelope.js';
import { findAppId, findSubscribedWebhooks } from './webhook.repository.js';

/**
 * Runs inside the transaction that recorded the event: one job per active webhook subscribed to
 * it, so a delivery is queued exactly when the change commits (and never after a rollback).
 */
export function enqueueWebhookJobs(maxAttempts: number): ChatRecordedListener {
  return async (db, event, actor) => {
    const webhooks = await findSubscribedWebhooks(db, event.type);
    if (webhooks.length === 0) return;
    const body = JSON.stringify(webhookEnvelope(event, actor, await findAppId(db)));
    for (const webhook of webhooks) {
      const payload: WebhookJobPayload = { webhook_id: webhook.id, event: event.type, body };
      await enqueueJob(db, WEBHOOK_QUEUE, payload, { maxAttempts });
    }
  };
}
