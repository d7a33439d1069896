import { createHash } from 'node:crypto';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import type { TicketRow } from './ticket.repository.js';

/**
 * A ticket's version for the collision guard: what an agent saw when they opened it. It is a
 * fingerprint, not a counter, so every writer (portal, email, jobs, other modules) moves it without
 * having to remember to: the last change time, a short hash per agent-visible field and the
 * conversation tally. Sent as a strong ETag; checked against `If-Match` under a row lock.
 */
export interface TicketVersion {
  /** updated_at in ms. */
  u: number;
  /** Conversation count and last conversation id. */
  c: [number, number];
  /** Field name (custom fields as `custom_fields.<name>`) → short hash of its value. */
  f: Record<string, string>;
}

export interface ConversationTally {
  count: number;
  lastId: number;
}

const TRACKED = [
  'subject',
  'description',
  'status',
  'priority',
  'type',
  'responder_id',
  'group_id',
  'company_id',
  'product_id',
  'requester_id',
  'tags',
  'due_by',
  'deleted',
] as const;

const hash = (value: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(value ?? null))
    .digest('base64url')
    .slice(0, 8);

/** The version of a ticket row plus its conversation tally. */
export function ticketVersion(ticket: TicketRow, tally: ConversationTally): TicketVersion {
  const f: Record<string, string> = {};
  for (const key of TRACKED) {
    const value = ticket[key];
    f[key] = hash(value instanceof Date ? value.getTime() : value);
  }
  for (const [name, value] of Object.entries(ticket.custom_fields ?? {})) {
    if (value !== null && value !== undefined) f[`custom_fields.${name}`] = hash(value);
  }
  return { u: ticket.updated_at.getTime(), c: [tally.count, tally.lastId], f };
}

/** The strong ETag carrying a version (base64url JSON, so it never contains a quote). */
export const versionETag = (version: TicketVersion) =>
  `"${Buffer.from(JSON.stringify(version)).toString('base64url')}"`;

/** Reads an `If-Match` value: '*' matches any version; anything unreadable matches none (null). */
export function parseIfMatch(header: string): TicketVersion | '*' | null {
  const value = header.trim();
  if (value === '*') return '*';
  const match = /^"([A-Za-z0-9_-]+)"$/.exec(value);
  if (!match) return null;
  try {
    const v = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')) as TicketVersion;
    const ok =
      typeof v.u === 'number' &&
      Array.isArray(v.c) &&
      v.c.length === 2 &&
      v.c.every((n) => typeof n === 'number') &&
      typeof v.f === 'object' &&
      v.f !== null &&
      Object.values(v.f).every((h) => typeof h === 'string');
    return ok ? v : null;
  } catch {
    return null;
  }
}

const CHANGED = 'It was changed by someone else since you loaded the ticket';

/**
 * What differs between the version an agent saw and the current one, as field errors (empty when
 * they are the same version). Conversations report how many were added or removed.
 */
export function explainChanges(seen: TicketVersion | null, current: TicketVersion): FieldError[] {
  if (seen === null) {
    return [
      {
        field: 'ticket',
        code: 'inconsistent_state',
        message: 'The If-Match header does not carry a version of this ticket',
      },
    ];
  }
  const errors: FieldError[] = [];
  const names = new Set([...Object.keys(seen.f), ...Object.keys(current.f)]);
  for (const name of names) {
    if (seen.f[name] !== current.f[name])
      errors.push({ field: name, code: 'inconsistent_state', message: CHANGED });
  }
  const [seenCount, seenLast] = seen.c;
  const [count, last] = current.c;
  if (seenCount !== count || seenLast !== last) {
    const added = Math.max(0, count - seenCount);
    errors.push({
      field: 'conversations',
      code: 'inconsistent_state',
      message:
        added > 0
          ? `${added} new repl${added === 1 ? 'y or note was' : 'ies or notes were'} added since you loaded the ticket`
          : 'Replies or notes were changed since you loaded the ticket',
      additional_info: { added, last_seen_id: seenLast },
    });
  }
  if (errors.length === 0 && seen.u !== current.u) {
    errors.push({
      field: 'ticket',
      code: 'inconsistent_state',
      message: 'The ticket was updated by someone else since you loaded it',
    });
  }
  return errors;
}

/**
 * 412 Precondition Failed in the field-error format, with the current version as its ETag so
 * the client can review and then send again against it.
 */
export function versionConflict(errors: FieldError[], current: TicketVersion): AppError {
  return new AppError('validation_failed', 'Validation failed', errors, 412, {
    etag: versionETag(current),
  });
}
