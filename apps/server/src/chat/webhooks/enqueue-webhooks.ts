import { enqueueJob } from '../../platform/jobs/index.js';
import type { WebhookEvent } from '../db.js';
import { isWebhookEvent, type ChatEvent, type ChatRecordedListener } from '../events.js';
import { WEBHOOK_QUEUE, type WebhookJobPayload } from './deliver-webhook.js';
import { webhookEnvelope } from './webhook-envelope.js';
import { cachedSubscribedWebhooks, findAppId } from './webhook.repository.js';

/** The events whose recording enqueued at least one job (objects, so nothing is kept alive). */
const eventsWithJobs = new WeakSet<ChatEvent>();

/** True when recording `event` enqueued jobs: the worker need only look for jobs after those commits. */
export const enqueuedJobsFor = (event: ChatEvent) => eventsWithJobs.has(event);

/**
 * Runs inside the transaction that recorded the event: one job per active webhook subscribed to
 * it, so a delivery is queued exactly when the change commits (and never after a rollback).
 */
export function enqueueWebhookJobs(maxAttempts: number): {
  listener: ChatRecordedListener;
  interest: (type: ChatEvent['type']) => boolean | undefined;
} {
  const subscribedWebhooks = cachedSubscribedWebhooks();
  const interest = (type: ChatEvent['type']) =>
    WEBHOOK_TYPES.has(type) ? subscribedWebhooks.peek(type as WebhookEvent) : false;
  const listener: ChatRecordedListener = async (db, event, actor) => {
    // New conversations and agent availability are realtime-only events.
    if (!isWebhookEvent(event)) return;
    const webhooks = await subscribedWebhooks(db, event.type);
    if (webhooks.length === 0) return;
    const body = JSON.stringify(webhookEnvelope(event, actor, await findAppId(db)));
    for (const webhook of webhooks) {
      const payload: WebhookJobPayload = { webhook_id: webhook.id, event: event.type, body };
      await enqueueJob(db, WEBHOOK_QUEUE, payload, { maxAttempts });
    }
    eventsWithJobs.add(event);
  };
  return { listener, interest };
}

const WEBHOOK_TYPES: ReadonlySet<string> = new Set<WebhookEvent>([
  'message_create',
  'conversation_assignment',
  'conversation_resolution',
  'conversation_reopen',
]);
