import { AppError, notFound } from '../../../platform/http/errors.js';
import { enqueueJob } from '../../../platform/jobs/index.js';
import { inTransaction, type ChatContext, type StaffActor } from '../../context.js';
import {
  applyConversationChanges,
  findConversationById,
  lockConversation,
  type ConversationRow,
} from '../../conversations/index.js';
import { helpdeskFailure, type HelpdeskExplanation } from '../../helpdesk/index.js';
import { linkConversationTicket, lockConversion, saveConversion } from '../conversion.repository.js';
import { ensureReplyPoller } from './sync-ticket-replies.js';
import { runConversion, type ConversionInput, type ConversionResult } from './run-conversion.js';

/** The durable queue conversions refused for rate limit wait in (B2). */
export const CONVERSION_QUEUE = 'helpdesk-conversion';

/** A claim older than this is taken to be a crashed attempt and may be taken over. */
const CLAIM_STALE_MS = 2 * 60_000;

export type ConvertOutcome =
  | { state: 'done'; conversation: ConversationRow; ticket: { id: number; url: string } }
  | { state: 'queued'; runAt: Date };

/**
 * Marks the conversion running, under the conversation's and the conversion's row locks, so two
 * converts of one conversation never run at once. Undefined when it is already linked.
 */
async function claim(ctx: ChatContext, conversationId: string, input: ConversionInput, actor: StaffActor) {
  return inTransaction(ctx, async (tx) => {
    const conversation = await lockConversation(tx.db, conversationId);
    if (!conversation) throw notFound();
    if (conversation.ticket_id !== null) return { conversation, linked: true as const };
    const current = await lockConversion(tx.db, conversationId);
    if (current?.state === 'running' && Date.now() - current.updated_at.getTime() < CLAIM_STALE_MS)
      throw new AppError(
        'validation_failed',
        undefined,
        [
          {
            field: 'conversation_id',
            code: 'inconsistent_state',
            message: 'This conversation is being converted right now; wait for that conversion to finish',
          },
        ],
        409,
      );
    await saveConversion(
      tx.db,
      conversationId,
      { state: 'running', input, requested_by: actor, error: null, run_at: null, attempt: true },
      new Date(),
    );
    return { conversation, linked: false as const };
  });
}

/** Links the ticket, marks the conversion done and, when asked, resolves (I4 passes: it has a ticket now). */
async function finish(
  ctx: ChatContext,
  conversationId: string,
  ticket: { id: number; url: string },
  resolve: boolean,
): Promise<ConvertOutcome> {
  return inTransaction(ctx, async (tx) => {
    let conversation = await lockConversation(tx.db, conversationId);
    if (!conversation) throw notFound();
    if (conversation.ticket_id === null) {
      await linkConversationTicket(tx.db, conversationId, ticket.id, ticket.url);
      await ensureReplyPoller(tx.db);
      conversation = { ...conversation, ticket_id: ticket.id, ticket_url: ticket.url };
    }
    const linked = { id: conversation.ticket_id!, url: conversation.ticket_url ?? ticket.url };
    await saveConversion(
      tx.db,
      conversationId,
      { state: 'done', error: null, run_at: null, ticket_id: linked.id, ticket_url: linked.url },
      new Date(),
    );
    if (resolve && conversation.status !== 'resolved')
      conversation = (await applyConversationChanges(tx, conversation, { status: 'resolved' })).conversation;
    return { state: 'done' as const, conversation, ticket: linked };
  });
}

/** Queues the conversion for when the helpdesk takes calls again (a durable job at Retry-After). */
async function queue(
  ctx: ChatContext,
  conversationId: string,
  explanation: HelpdeskExplanation,
  runAt: Date,
) {
  await inTransaction(ctx, async (tx) => {
    await saveConversion(
      tx.db,
      conversationId,
      { state: 'queued', error: explanation, run_at: runAt },
      new Date(),
    );
    await enqueueJob(tx.db, CONVERSION_QUEUE, { conversation_id: conversationId }, { runAt, maxAttempts: 3 });
  });
}

async function markFailed(ctx: ChatContext, conversationId: string, explanation: HelpdeskExplanation) {
  await saveConversion(
    ctx.db,
    conversationId,
    { state: 'failed', error: explanation, run_at: null },
    new Date(),
  );
}

/** An error thrown by Chat itself (validation, not connected) as what the conversion shows. */
function explanationOfAppError(error: AppError): HelpdeskExplanation {
  const helpdesk = (error.extra as { helpdesk?: HelpdeskExplanation }).helpdesk;
  if (helpdesk) return helpdesk;
  const first = error.fieldErrors[0];
  return {
    cause: 'validation_failed',
    message: error.fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ') || error.message,
    ...(first ? { field: first.field } : {}),
  };
}

/**
 * One attempt with the conversion's stored input, after a claim: done, queued (429), or failed
 * (the explanation stored and thrown). `fromQueue` attempts requeue transient failures.
 */
export async function attemptConversion(
  ctx: ChatContext,
  conversation: ConversationRow,
  input: ConversionInput,
  options: { fromQueue: boolean; attempts: number } = { fromQueue: false, attempts: 1 },
): Promise<ConvertOutcome> {
  let result: ConversionResult;
  try {
    result = await runConversion(ctx.services, conversation, input);
  } catch (error) {
    if (error instanceof AppError) await markFailed(ctx, conversation.id, explanationOfAppError(error));
    else await saveConversion(ctx.db, conversation.id, { state: 'failed', run_at: null }, new Date());
    throw error;
  }
  if (result.ok) return finish(ctx, conversation.id, result.ticket, input.resolve === true);
  if (result.retryAt) {
    await queue(ctx, conversation.id, result.explanation, result.retryAt);
    return { state: 'queued', runAt: result.retryAt };
  }
  if (options.fromQueue && result.transient && options.attempts < 5) {
    const runAt = new Date(Date.now() + 30_000 * 2 ** (options.attempts - 1));
    await queue(ctx, conversation.id, result.explanation, runAt);
    return { state: 'queued', runAt };
  }
  await markFailed(ctx, conversation.id, result.explanation);
  throw helpdeskFailure(result.explanation);
}

/**
 * POST /conversations/:id/ticket-conversion (I6): a new ticket or a note on an existing one,
 * exactly once per conversation (B2); 429 → queued. An already linked conversation answers its
 * ticket again (resolving it if asked), so the same request can be sent again safely.
 */
export async function convertConversation(
  ctx: ChatContext,
  conversationId: string,
  input: ConversionInput,
): Promise<ConvertOutcome> {
  if (ctx.actor.kind === 'user') throw new AppError('access_denied');
  const found = await findConversationById(ctx.db, conversationId);
  if (!found) throw notFound();
  const claimed = await claim(ctx, conversationId, input, ctx.actor);
  if (claimed.linked) {
    const ticket = { id: claimed.conversation.ticket_id!, url: claimed.conversation.ticket_url ?? '' };
    return finish(ctx, conversationId, ticket, input.resolve === true);
  }
  return attemptConversion(ctx, claimed.conversation, input);
}
