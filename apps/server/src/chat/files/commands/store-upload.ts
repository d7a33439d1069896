import { randomUUID } from 'node:crypto';
import { AppError } from '../../../platform/http/errors.js';
import type { ChatActor, ChatContext } from '../../context.js';
import { detectFileType, detectImage } from '../file-type.js';
import { safeFileName } from '../file-name.js';
import { insertFile, type FileRow } from '../file.repository.js';
import { fileStoreOf } from '../file.store.js';
import type { Upload } from '../file.uploads.js';

const IMAGE_TYPES = 'PNG, JPEG, GIF or WebP';
const FILE_TYPES = `${IMAGE_TYPES} images, PDF, Word/Excel/PowerPoint or OpenDocument files, JSON, CSV or plain UTF-8 text`;

/**
 * Stores an upload if its bytes are of an allowed type (`images`: images only), under a safe
 * name; the client's content type and extension are not trusted. 415 for anything else. The
 * row is written after the bytes; if it fails, the bytes are removed again.
 */
export async function storeUpload(
  ctx: ChatContext,
  upload: Upload,
  accept: 'images' | 'files',
): Promise<FileRow> {
  const detected = accept === 'images' ? detectImage(upload.data) : detectFileType(upload.data, upload.name);
  if (!detected) {
    const allowed = accept === 'images' ? IMAGE_TYPES : FILE_TYPES;
    throw new AppError('invalid_content_type', `This type of file is not accepted. Allowed: ${allowed}.`, [
      { field: 'file', code: 'invalid_value', message: `It should be one of: ${allowed}` },
    ]);
  }
  const store = fileStoreOf(ctx.services);
  const key = await store.save(upload.data);
  try {
    return await insertFile(ctx.db, {
      id: randomUUID(),
      storage_key: key,
      name: safeFileName(upload.name, detected.contentType),
      content_type: detected.contentType,
      size_bytes: upload.data.length,
      kind: detected.kind,
      ...uploaderOf(ctx.actor),
    });
  } catch (error) {
    await store
      .remove([key])
      .catch((e: unknown) => ctx.log.warn({ err: e }, 'could not remove an uploaded file'));
    throw error;
  }
}

/** Who uploaded: the widget user, the signed-in agent, or an integration's API token (`system`). */
function uploaderOf(actor: ChatActor) {
  switch (actor.kind) {
    case 'user':
      return { uploaded_by_type: 'user' as const, uploaded_by_id: actor.userId };
    case 'agent':
      return { uploaded_by_type: 'agent' as const, uploaded_by_id: actor.agentId };
    case 'token':
      return { uploaded_by_type: 'system' as const, uploaded_by_id: actor.tokenId };
  }
}
