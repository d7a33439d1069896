import type { JobHandler } from '../../platform/jobs/index.js';
import type { ChatServices } from '../context.js';
import { WEBHOOK_QUEUE, webhookJobHandler } from './deliver-webhook.js';
import { enqueueWebhookJobs } from './enqueue-webhooks.js';
import { pruneDeliveries } from './webhook.repository.js';

/** Outgoing webhooks (B7): admin routes, signed delivery through the durable job queue. */
export { webhookRoutes } from './webhook.routes.js';
export { signWebhookBody, WEBHOOK_QUEUE, type WebhookJobPayload } from './deliver-webhook.js';
export { enqueuedJobsFor } from './enqueue-webhooks.js';

export interface WebhookOptions {
  /** Per delivery attempt; default 5 s. */
  timeoutMs?: number;
  /** Attempts before a delivery is given up; default 6. */
  maxAttempts?: number;
  /** How long the delivery log keeps an attempt; default 30 days. */
  deliveryLogRetentionMs?: number;
}

/**
 * Hooks webhooks into Chat: every recorded event enqueues its deliveries in the same transaction.
 * Returns the job handlers and the housekeeping (delivery log pruning) for the worker, which runs
 * only in the `worker` role.
 */
export function setUpWebhooks(
  services: ChatServices,
  options: WebhookOptions = {},
): { handlers: Record<string, JobHandler>; housekeeping: (() => Promise<unknown>)[] } {
  const enqueue = enqueueWebhookJobs(options.maxAttempts ?? 6);
  services.events.onRecorded(enqueue.listener, enqueue.interest);
  const retentionMs = options.deliveryLogRetentionMs ?? 30 * 24 * 3600_000;
  return {
    handlers: { [WEBHOOK_QUEUE]: webhookJobHandler(services, options) },
    housekeeping: [() => pruneDeliveries(services.db, new Date(Date.now() - retentionMs))],
  };
}
