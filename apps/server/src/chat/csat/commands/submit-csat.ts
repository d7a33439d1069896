import { randomUUID } from 'node:crypto';
import { AppError, notFound, validationError } from '../../../platform/http/errors.js';
import type { ChatContext } from '../../context.js';
import { findConversationById } from '../../conversations/index.js';
import { insertCsatResponse, type CsatResponseRow } from '../csat.repository.js';
import { isCsatSuppressed } from '../csat.policy.js';
import type { SubmitCsatBody } from '../csat.schemas.js';

/**
 * Stores the user's rating of the conversation's latest resolve, once per resolve, credited to
 * the agent assigned when it was resolved. 409 before any resolve or when already rated.
 */
export async function submitCsat(
  ctx: ChatContext,
  conversationId: string,
  input: SubmitCsatBody,
): Promise<CsatResponseRow> {
  const conversation = await findConversationById(ctx.db, conversationId);
  if (!conversation) throw notFound();
  if (conversation.resolve_count === 0) {
    throw new AppError(
      'validation_failed',
      undefined,
      [
        {
          field: 'conversation_id',
          code: 'inconsistent_state',
          message: 'The conversation has not been resolved yet',
        },
      ],
      409,
    );
  }
  if (await isCsatSuppressed(ctx.db, conversation)) {
    throw new AppError(
      'validation_failed',
      undefined,
      [
        {
          field: 'conversation_id',
          code: 'inconsistent_state',
          message: 'No CSAT is asked for conversations converted to a ticket (integration setting)',
        },
      ],
      409,
    );
  }
  const row = await insertCsatResponse(
    ctx.db,
    {
      id: randomUUID(),
      conversation_id: conversation.id,
      resolve_number: conversation.resolve_count,
      rating: input.rating,
      comment: input.comment || null,
      agent_id: conversation.resolved_agent_id,
    },
    new Date(),
  );
  if (!row) {
    throw validationError([
      {
        field: 'conversation_id',
        code: 'duplicate_value',
        message: 'This resolve of the conversation was already rated',
      },
    ]);
  }
  return row;
}
