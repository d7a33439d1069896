import { isoTime } from '../../platform/http/format.js';
import type { ConversionRow } from './conversion.repository.js';

/**
 * A conversation's conversion for agents: state (none, queued, running, done, failed), when a
 * queued one runs, the last failure explained (with the helpdesk's answer), the ticket, and the
 * last attempt's inputs (nothing typed is lost).
 */
export function presentConversionState(
  conversation: { ticket_id: number | null; ticket_url: string | null },
  conversion: ConversionRow | undefined,
) {
  const ticket =
    conversation.ticket_id !== null ? { id: conversation.ticket_id, url: conversation.ticket_url } : null;
  if (!conversion)
    return { state: ticket ? 'done' : 'none', run_at: null, error: null, ticket, input: null, attempts: 0 };
  const input = (conversion.input ?? {}) as Record<string, unknown>;
  return {
    state: ticket ? 'done' : conversion.state,
    run_at: conversion.state === 'queued' && conversion.run_at ? isoTime(conversion.run_at) : null,
    error: ticket ? null : (conversion.error ?? null),
    ticket,
    input: {
      mode: input.mode ?? null,
      ticket_id: input.ticket_id ?? null,
      fields: input.fields ?? {},
      resolve: input.resolve ?? false,
    },
    attempts: conversion.attempts,
  };
}
