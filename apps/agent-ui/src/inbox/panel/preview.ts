import type { Message } from '../chat-api.js';

/** The text of a message's parts, for a notification's preview. */
export function previewOf(message: Pick<Message, 'message_parts'> | undefined): string {
  const texts: string[] = [];
  for (const part of message?.message_parts ?? []) {
    const text = (part as { text?: { content?: unknown } } | null)?.text?.content;
    if (typeof text === 'string') texts.push(text);
  }
  const joined = texts.join(' ').replace(/\s+/g, ' ').trim();
  return joined.length > 140 ? `${joined.slice(0, 139)}…` : joined;
}
