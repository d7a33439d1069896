import { api, requestWith, type Conversation, type Ticket } from '../api.js';

export interface Attachment {
  id: number;
  name: string;
  content_type: string;
  size: number;
}

export type ThreadConversation = Conversation & { attachments?: Attachment[] };

/** What the ticket page shows, and the version (ETag) of the ticket it was read at. */
export interface TicketSnapshot {
  ticket: Ticket;
  etag: string | undefined;
  conversations: ThreadConversation[];
}

/**
 * Reads the ticket, then its conversations: in that order, so the thread is never older than the
 * version (ETag) a later guarded write is checked against.
 */
export async function loadTicketSnapshot(id: number): Promise<TicketSnapshot> {
  const { data: ticket, headers } = await requestWith<Ticket>(
    'GET',
    `/api/v2/tickets/${id}?include=requester`,
  );
  const { data: conversations } = await api.get<ThreadConversation[]>(
    `/tickets/${id}/conversations?per_page=100`,
  );
  return { ticket, etag: headers.get('etag') ?? undefined, conversations };
}

/** A reply or private note, multipart when files are attached (Freshdesk's `attachments[]`). */
export function sendConversation(
  ticketId: number,
  input: { mode: 'reply' | 'note'; html: string; files: File[]; etag: string | undefined },
) {
  const path = `/api/v2/tickets/${ticketId}/${input.mode === 'reply' ? 'reply' : 'notes'}`;
  const headers: Record<string, string> = input.etag ? { 'if-match': input.etag } : {};
  if (input.files.length === 0) {
    const json = input.mode === 'reply' ? { body: input.html } : { body: input.html, private: true };
    return requestWith<ThreadConversation>('POST', path, { json, headers });
  }
  const form = new FormData();
  form.append('body', input.html);
  if (input.mode === 'note') form.append('private', 'true');
  for (const file of input.files) form.append('attachments[]', file, file.name);
  return requestWith<ThreadConversation>('POST', path, { form, headers });
}

/** Saves ticket properties, guarded by the version the agent saw. */
export function saveTicket(ticketId: number, body: Record<string, unknown>, etag: string | undefined) {
  return requestWith<Ticket>('PUT', `/api/v2/tickets/${ticketId}`, {
    json: body,
    headers: etag ? { 'if-match': etag } : {},
  });
}

/** "12 KB", "1.5 MB": file sizes for chips and download links. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
