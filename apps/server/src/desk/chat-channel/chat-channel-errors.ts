import { validationError, type AppError } from '../../platform/http/errors.js';
import { ChatCallError } from './chat-client.js';

/**
 * A failed Chat call as Freshdesk's field-error body: the settings field at fault, the reason in
 * plain words, and in `additional_info` the stable cause and what Chat itself answered.
 */
export function chatFieldError(error: ChatCallError): AppError {
  return validationError([
    {
      field: error.field,
      code: 'invalid_value',
      message: error.message,
      additional_info: {
        cause: error.problem,
        ...(error.answer
          ? { chat_status: error.answer.status, chat_body: error.answer.body.slice(0, 2000) }
          : {}),
      },
    },
  ]);
}

/** Runs `fn`, turning a ChatCallError into the field error above. */
export async function explainChatFailure<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ChatCallError) throw chatFieldError(error);
    throw error;
  }
}
