import { createHmac, randomUUID } from 'node:crypto';
import { outboundRequest } from '../../platform/http/outbound.js';
import type { Job } from '../../platform/jobs/index.js';
import type { ChatServices } from '../context.js';
import { webhookSecretBox } from './webhook-secret-box.js';
import { findWebhookTarget, insertDelivery } from './webhook.repository.js';

export const WEBHOOK_QUEUE = 'chat.webhook';

/** A queued delivery: the exact body is fixed at enqueue time, so every retry signs the same bytes. */
export interface WebhookJobPayload {
  webhook_id: string;
  event: string;
  body: string;
}

/** `sha256=<hex HMAC-SHA256(secret, raw body)>`, the X-Tandem-Signature header value. */
export function signWebhookBody(secret: string, body: string) {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface DeliveryOptions {
  /** Per attempt; default 5 s. */
  timeoutMs?: number;
}

/**
 * The job handler: POSTs the signed body and logs the attempt. A 2xx is delivered; any other
 * status (redirects are not followed), a network error, a timeout or a URL that resolves to a
 * private address (unless allowed, see ChatConfig) throws so the queue retries with backoff.
 * A webhook deleted or deactivated since is skipped.
 */
export function webhookJobHandler(services: ChatServices, options: DeliveryOptions = {}) {
  const timeoutMs = options.timeoutMs ?? 5000;
  return async (raw: unknown, job: Job) => {
    const payload = raw as WebhookJobPayload;
    const target = await findWebhookTarget(services.db, payload.webhook_id);
    if (!target || !target.active) return;
    const secret = await webhookSecretBox(services).open(target.secret_encrypted);
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await outboundRequest({
        url: target.url,
        method: 'POST',
        body: payload.body,
        timeoutMs,
        allowPrivateNetworks: services.config.allowPrivateNetworkUrls,
        // Only the status matters; a receiver's long answer is read and dropped.
        maxResponseBytes: 0,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Tandem-Chat-Webhooks',
          'X-Tandem-Signature': signWebhookBody(secret, payload.body),
          'X-Tandem-Event': payload.event,
          'X-Retry-Count': String(job.attempts - 1),
        },
      });
      statusCode = response.status;
      if (statusCode < 200 || statusCode > 299) error = `HTTP ${statusCode}`;
    } catch (failure) {
      const e = failure as Error;
      error = e.name === 'TimeoutError' ? `Timed out after ${timeoutMs} ms` : e.message || String(failure);
    }
    await insertDelivery(services.db, {
      id: randomUUID(),
      webhook_id: target.id,
      event: payload.event,
      status_code: statusCode,
      error,
      attempt: job.attempts,
      duration_ms: Math.round(performance.now() - started),
      job_id: job.id,
    });
    if (error) throw new Error(error);
  };
}
