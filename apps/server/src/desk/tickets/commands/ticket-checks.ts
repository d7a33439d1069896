import type { FieldErrors } from '../../../platform/http/errors.js';

/** Turns a `findReferences` answer into field errors for the ids the request named. */
export function checkReferences(
  errors: FieldErrors,
  input: {
    responder_id?: number | null | undefined;
    group_id?: number | null | undefined;
    company_id?: number | null | undefined;
  },
  refs: { agentIds: number[]; group: boolean; company: boolean },
) {
  if (input.responder_id != null && !refs.agentIds.includes(input.responder_id)) {
    errors.add('responder_id', 'invalid_value', 'There is no agent matching the given responder_id');
  }
  if (input.group_id != null && !refs.group) {
    errors.add('group_id', 'invalid_value', 'There is no group matching the given group_id');
  }
  if (input.company_id != null && !refs.company) {
    errors.add('company_id', 'invalid_value', 'There is no company matching the given company_id');
  }
}

/** PostgreSQL unique_violation (also raised by PGlite). */
export const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';
