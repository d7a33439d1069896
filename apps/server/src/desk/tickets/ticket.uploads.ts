import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { validationError, type FieldError } from '../../platform/http/errors.js';
import { MULTIPART_BOOLEANS, MULTIPART_NUMBERS } from './ticket.schemas.js';

/** One uploaded file, held in memory until the write that owns it commits. */
export interface Upload {
  name: string;
  contentType: string;
  data: Buffer;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Files of a multipart ticket/reply/note request (read before validation). */
    ticketUploads?: Upload[];
  }
}

/** The uploads of a request (empty for JSON requests). */
export const uploadsOf = (request: FastifyRequest): Upload[] => request.ticketUploads ?? [];

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

function coerce(field: string, value: string): unknown {
  if (MULTIPART_NUMBERS.has(field) && /^-?\d+$/.test(value)) return Number(value);
  if (MULTIPART_BOOLEANS.has(field) && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/**
 * Reads a multipart request into a JSON-like body plus its files: `name[]` fields become arrays,
 * `custom_fields[cf_x]` a nested object, numeric and boolean fields are coerced from strings.
 * Files must be sent as `attachments[]` and may total at most `maxBytes`; past that the rest of
 * the upload is drained (so the client gets an answer) and a field error is thrown: nothing has
 * been stored, because files stay in memory until the command commits.
 */
export async function readMultipart(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ body: Record<string, unknown>; files: Upload[] }> {
  const body: Record<string, unknown> = {};
  const customFields: Record<string, string> = {};
  const files: Upload[] = [];
  const errors: FieldError[] = [];
  let total = 0;
  let tooLarge = false;

  // fileSize stops busboy buffering past the limit even for a single huge file; fieldSize keeps
  // long descriptions whole (busboy silently truncates fields past its 1 MB default).
  for await (const part of request.parts({
    limits: { fileSize: maxBytes + 1, fieldSize: Math.max(maxBytes, 1024 * 1024) },
  })) {
    const base = part.fieldname.replace(/\[\]$/, '');
    if (part.type === 'file') {
      if (base !== 'attachments') {
        errors.push({ field: base, code: 'invalid_field', message: 'Unexpected/invalid field in request' });
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) {
        total += (chunk as Buffer).length;
        if (total > maxBytes) tooLarge = true;
        // Keep draining to the end of the request, but stop holding bytes once over the limit.
        if (!tooLarge && base === 'attachments') chunks.push(chunk as Buffer);
      }
      if (!tooLarge && base === 'attachments') {
        files.push({
          name: part.filename || 'attachment',
          contentType: part.mimetype || 'application/octet-stream',
          data: Buffer.concat(chunks),
        });
      }
      continue;
    }
    const value = typeof part.value === 'string' ? part.value : String(part.value);
    const nested = /^custom_fields\[([^\]]+)\]$/.exec(part.fieldname);
    if (nested) {
      customFields[nested[1]!] = value;
    } else if (part.fieldname.endsWith('[]')) {
      const list = (body[base] as unknown[] | undefined) ?? [];
      list.push(coerce(base, value));
      body[base] = list;
    } else {
      body[base] = coerce(base, value);
    }
  }
  if (tooLarge) {
    errors.push({
      field: 'attachments',
      code: 'max_size_exceeded',
      message: `The cumulative size of all attachments should not exceed ${megabytes(maxBytes)}`,
    });
  }
  if (errors.length) throw validationError(errors);
  if (Object.keys(customFields).length > 0) body.custom_fields = customFields;
  return { body, files };
}

/**
 * Multipart sends every custom field as a string; turn numbers and checkboxes back into the
 * JSON types the field rules expect, so one validator serves both encodings.
 */
export function coerceCustomFields(
  values: Record<string, unknown>,
  types: { name: string; type: string }[],
): Record<string, unknown> {
  const typeOf = new Map(types.map((t) => [t.name, t.type]));
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(values)) {
    const type = typeOf.get(name);
    if (typeof raw !== 'string') out[name] = raw;
    else if (
      (type === 'custom_number' || type === 'custom_decimal') &&
      raw.trim() !== '' &&
      !Number.isNaN(Number(raw))
    )
      out[name] = Number(raw);
    else if (type === 'custom_checkbox' && (raw === 'true' || raw === 'false')) out[name] = raw === 'true';
    else out[name] = raw;
  }
  return out;
}
