import path from 'node:path';
import { createFileStore, type FileStore } from '../../platform/files/index.js';
import type { DeskContext, DeskServices } from '../context.js';
import { insertAttachments, type AttachmentRow } from './ticket.repository.js';
import type { Upload } from './ticket.uploads.js';

/** Where ticket and conversation attachments live: `<dataDir>/attachments`. */
export function attachmentStore(services: DeskServices): FileStore {
  return createFileStore(path.join(services.config.dataDir, 'attachments'));
}

/**
 * Writes the uploads and their rows inside the caller's transaction. Every written key is pushed
 * to `written` first, so the caller can remove the files if the transaction then fails.
 */
export async function storeUploads(
  ctx: DeskContext,
  uploads: Upload[],
  owner: { ticket_id: number; conversation_id: number | null },
  written: string[],
): Promise<AttachmentRow[]> {
  if (uploads.length === 0) return [];
  const store = attachmentStore(ctx.services);
  const now = new Date();
  const rows = [];
  for (const upload of uploads) {
    const key = await store.save(upload.data);
    written.push(key);
    rows.push({
      ...owner,
      name: upload.name,
      content_type: upload.contentType,
      size: upload.data.length,
      storage_key: key,
      created_at: now,
      updated_at: now,
    });
  }
  return insertAttachments(ctx.db, rows);
}

/** Runs a write that may store uploads; when it fails, the files it wrote are removed again. */
export async function withUploadCleanup<T>(
  ctx: DeskContext,
  fn: (written: string[]) => Promise<T>,
): Promise<T> {
  const written: string[] = [];
  try {
    return await fn(written);
  } catch (error) {
    await attachmentStore(ctx.services)
      .remove(written)
      .catch((e: unknown) => ctx.log.warn({ err: e }, 'could not remove uploaded files'));
    throw error;
  }
}
