import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError, fieldError, validationError, type FieldError } from '../../platform/http/errors.js';

/** One uploaded file, held in memory until it is checked and stored. */
export interface Upload {
  /** The name the client gave (sanitized before it is stored). */
  name: string;
  data: Buffer;
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`
    : `${Math.round((bytes / 1024) * 10) / 10} KiB`;

/**
 * Reads the one file of a multipart request, sent in the field `file`. Too large → 413 (the rest
 * is drained, so the client gets the answer, and nothing is kept); not multipart → 415; no file
 * or an empty one, or other fields → 400. Errors carry `details` naming the field.
 */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new AppError('invalid_content_type', 'Send the file as multipart/form-data in the field "file".', [
      { field: 'file', code: 'invalid_value', message: 'It should be sent as multipart/form-data' },
    ]);
  }
  let upload: Upload | undefined;
  let tooLarge = false;
  const unexpected = new Set<string>();
  // fileSize one past the limit: busboy stops holding bytes there, and the count shows it.
  for await (const part of request.parts({ limits: { fileSize: maxBytes + 1 } })) {
    if (part.type !== 'file') {
      unexpected.add(part.fieldname);
      continue;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of part.file) {
      size += (chunk as Buffer).length;
      if (size <= maxBytes) chunks.push(chunk as Buffer);
    }
    if (part.fieldname !== 'file' || upload) {
      unexpected.add(part.fieldname);
      continue;
    }
    if (size > maxBytes || part.file.truncated) tooLarge = true;
    else upload = { name: part.filename || 'file', data: Buffer.concat(chunks) };
  }
  if (tooLarge) {
    const message = `The file should not be larger than ${sizeText(maxBytes)}`;
    throw new AppError('payload_too_large', `${message}.`, [
      { field: 'file', code: 'max_size_exceeded', message },
    ]);
  }
  const errors: FieldError[] = [...unexpected].map((field) => ({
    field,
    code: 'invalid_field' as const,
    message: 'Unexpected field: send one file in the field "file"',
  }));
  if (!upload)
    errors.push({
      field: 'file',
      code: 'missing_field',
      message: 'It should be a file (multipart field "file")',
    });
  if (errors.length || !upload) throw validationError(errors);
  if (upload.data.length === 0) throw fieldError('file', 'invalid_value', 'The file is empty');
  return upload;
}
