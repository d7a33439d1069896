import type { ChatDb } from '../db.js';
import {
  insertMessagesWithNextSeqs,
  insertMessageWithNextSeq,
  type BatchedMessage,
  type MessageRow,
} from './conversation.repository.js';

/** Most messages one statement stores. */
const MAX_BATCH = 256;

interface Waiting {
  message: BatchedMessage;
  resolve(row: MessageRow | undefined): void;
  reject(error: unknown): void;
}

export interface MessageWriter {
  /**
   * Stores a message with its conversation's next sequence number, in a batch with the others
   * waiting (see createMessageWriter). Undefined when the conversation took nothing (gone, or
   * resolved under a user message); a unique violation (23505) when its client message id is
   * already stored.
   */
  store(message: BatchedMessage): Promise<MessageRow | undefined>;
}

/**
 * Group commit for the message write's fast path. One batch is stored at a time; messages that
 * arrive meanwhile wait and go together in the next one: one statement and one commit for many
 * messages, so under load the database does far less work per message, and an idle server adds
 * only a turn of the event loop (the batch starts on setImmediate, gathering the sends read in
 * the same I/O phase). If a batch fails (a resend's client id makes the statement fail), its
 * messages are stored one by one, in order, so only the offending one fails.
 */
export function createMessageWriter(db: ChatDb): MessageWriter {
  const queue: Waiting[] = [];
  let running = false;
  let scheduled = false;

  const storeOne = async (waiting: Waiting, now: Date) => {
    try {
      waiting.resolve(
        await insertMessageWithNextSeq(db, waiting.message.values, now, waiting.message.unlessResolved),
      );
    } catch (error) {
      waiting.reject(error);
    }
  };

  const flush = async () => {
    scheduled = false;
    if (running || queue.length === 0) return;
    running = true;
    const batch = queue.splice(0, MAX_BATCH);
    const now = new Date();
    try {
      if (batch.length === 1) {
        await storeOne(batch[0]!, now);
        return;
      }
      let rows: MessageRow[];
      try {
        rows = await insertMessagesWithNextSeqs(
          db,
          batch.map((waiting) => waiting.message),
          now,
        );
      } catch {
        for (const waiting of batch) await storeOne(waiting, now);
        return;
      }
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const waiting of batch) waiting.resolve(byId.get(waiting.message.values.id));
    } finally {
      running = false;
      kick();
    }
  };

  const kick = () => {
    if (running || scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(() => void flush());
  };

  return {
    store(message) {
      return new Promise<MessageRow | undefined>((resolve, reject) => {
        queue.push({ message, resolve, reject });
        kick();
      });
    },
  };
}
