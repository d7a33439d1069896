import { pino } from 'pino';
import type { ChatContext, ChatServices, StaffActor } from '../../context.js';
import { findConversationById, lockConversation } from '../../conversations/index.js';
import { inTransaction } from '../../context.js';
import { lockConversion, saveConversion } from '../conversion.repository.js';
import { attemptConversion } from './convert-conversation.js';
import type { ConversionInput } from './run-conversion.js';

const quiet = pino({ enabled: false });

/**
 * The job of a conversion queued after a 429 (B2): runs the stored request again as the agent
 * who made it. Does nothing when the conversion is no longer queued (an agent retried by hand
 * meanwhile, or it is linked already): the tag check makes a duplicate ticket impossible anyway.
 */
export async function runQueuedConversion(services: ChatServices, conversationId: string, log = quiet) {
  const base: ChatContext = {
    actor: { kind: 'token', tokenId: 'helpdesk-conversion-job', role: 'admin' },
    db: services.db,
    requestId: `job:${conversationId}`,
    log,
    services,
  };
  const claimed = await inTransaction(base, async (tx) => {
    const conversation = await lockConversation(tx.db, conversationId);
    const conversion = await lockConversion(tx.db, conversationId);
    if (!conversation || conversion?.state !== 'queued') return undefined;
    if (conversion.run_at && conversion.run_at.getTime() > Date.now() + 1000) return undefined;
    const row = await saveConversion(tx.db, conversationId, { state: 'running', attempt: true }, new Date());
    return { conversation, conversion: row };
  });
  if (!claimed) return;
  const actor = claimed.conversion.requested_by as StaffActor;
  const ctx: ChatContext = { ...base, actor: actor?.kind ? actor : base.actor };
  const conversation = (await findConversationById(services.db, conversationId)) ?? claimed.conversation;
  try {
    await attemptConversion(ctx, conversation, claimed.conversion.input as ConversionInput, {
      fromQueue: true,
      attempts: claimed.conversion.attempts,
    });
  } catch (error) {
    // The failure is stored on the conversion for the agent to read; the job itself is finished.
    log.warn({ err: error, conversation: conversationId }, 'queued conversion failed');
  }
}
