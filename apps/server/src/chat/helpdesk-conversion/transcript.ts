import { sanitizeRichText } from '../../platform/text/html.js';
import type { TranscriptMessageRow } from './conversion.repository.js';

/*
 * The conversation as sanitized HTML for the ticket (description or note): a line linking back to
 * the conversation, then each message with its time, its author's name, and links for files.
 * Private notes are never included: the ticket may be shown to the customer.
 */

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const timeOf = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const link = (url: string, label: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;

function partHtml(part: unknown): string {
  const p = (part ?? {}) as Record<string, Record<string, unknown> | undefined>;
  if (p.text) return escapeHtml(String(p.text.content ?? '')).replace(/\n/g, '<br>');
  if (p.image)
    return `[image: ${link(String(p.image.url), String(p.image.url).split('/').pop() || 'image')}]`;
  if (p.file) {
    const size = Number(p.file.file_size_in_bytes);
    const kb = Number.isFinite(size) ? ` (${Math.max(1, Math.round(size / 1024))} KB)` : '';
    return `[file: ${link(String(p.file.url), String(p.file.name ?? 'file'))}${kb}]`;
  }
  if (p.url_button) return `[${link(String(p.url_button.url), String(p.url_button.label ?? 'link'))}]`;
  if (p.quick_reply_button) return `[${escapeHtml(String(p.quick_reply_button.label ?? ''))}]`;
  return '';
}

export interface TranscriptInput {
  conversationUrl: string;
  userName: string;
  messages: TranscriptMessageRow[];
  /** Display names of agents by id. */
  agentNames: Map<string, string>;
}

export function buildTranscript(input: TranscriptInput): string {
  const lines = [
    `<p>Chat conversation with ${escapeHtml(input.userName)}: ${link(input.conversationUrl, 'open it in Chat')}</p>`,
  ];
  for (const message of input.messages) {
    const parts = (Array.isArray(message.message_parts) ? message.message_parts : [])
      .map(partHtml)
      .filter(Boolean);
    if (parts.length === 0) continue;
    const who =
      message.actor_type === 'user'
        ? input.userName
        : message.actor_type === 'agent'
          ? (input.agentNames.get(message.actor_id ?? '') ?? 'Agent')
          : 'System';
    const body = parts.join('<br>');
    lines.push(
      message.actor_type === 'system'
        ? `<p><small>${timeOf(message.created_at)}</small> <em>${body}</em></p>`
        : `<p><small>${timeOf(message.created_at)}</small> <strong>${escapeHtml(who)}</strong>: ${body}</p>`,
    );
  }
  return sanitizeRichText(lines.join('\n'));
}

/** The plain text of the user's first message (the default subject). */
export function firstUserText(messages: TranscriptMessageRow[]): string | null {
  for (const message of messages) {
    if (message.actor_type !== 'user') continue;
    for (const part of Array.isArray(message.message_parts) ? message.message_parts : []) {
      const text = (part as { text?: { content?: unknown } }).text?.content;
      if (typeof text === 'string' && text.trim()) return text.trim();
    }
  }
  return null;
}
