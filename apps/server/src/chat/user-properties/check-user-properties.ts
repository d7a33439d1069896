import type { FieldErrors } from '../../platform/http/errors.js';
import type { ChatDb } from '../db.js';
import { findUserPropertiesByNames, type UserPropertyRow } from './user-property.repository.js';

export interface PropertyInput {
  name: string;
  value: unknown;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Why a value does not fit its definition, or undefined when it fits. */
function valueProblem(def: UserPropertyRow, value: unknown) {
  const mismatch = (type: string) => ({
    code: 'datatype_mismatch' as const,
    message: `Value set is of type ${value === null ? 'Null' : Array.isArray(value) ? 'Array' : typeof value}.It should be a/an ${type}`,
  });
  switch (def.type) {
    case 'text':
      if (typeof value !== 'string') return mismatch('String');
      if (value.length > 1000)
        return { code: 'invalid_value' as const, message: 'It should be at most 1000 characters' };
      return undefined;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : mismatch('Number');
    case 'boolean':
      return typeof value === 'boolean' ? undefined : mismatch('Boolean');
    case 'date':
      if (typeof value !== 'string') return mismatch('String');
      return isCalendarDate(value)
        ? undefined
        : { code: 'invalid_value' as const, message: "It should be a date in the 'YYYY-MM-DD' format" };
    case 'dropdown':
      if (typeof value !== 'string') return mismatch('String');
      return def.choices.includes(value)
        ? undefined
        : {
            code: 'invalid_value' as const,
            message: `It should be one of these values: '${def.choices.join(',')}'`,
          };
  }
}

/**
 * Checks custom property values against the admin's definitions (C4) and returns the changes:
 * name → value, or null to remove a value. Problems are added to `errors` as `properties.<name>`:
 * an undeclared name is `invalid_field`, a wrong JSON type `datatype_mismatch`, a bad date or a
 * value outside a dropdown's choices `invalid_value`.
 */
export async function checkUserProperties(
  db: ChatDb,
  properties: readonly PropertyInput[],
  errors: FieldErrors,
): Promise<Record<string, unknown>> {
  const definitions = new Map(
    (await findUserPropertiesByNames(db, [...new Set(properties.map((p) => p.name))])).map((d) => [
      d.name,
      d,
    ]),
  );
  const changes: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const { name, value } of properties) {
    const field = `properties.${name}`;
    const def = definitions.get(name);
    if (!def) {
      errors.add(
        field,
        'invalid_field',
        'No user property with this name is defined (see GET /v2/users/fields)',
      );
      continue;
    }
    if (seen.has(name)) {
      errors.add(field, 'invalid_value', 'It is given more than once');
      continue;
    }
    seen.add(name);
    if (value === null) {
      changes[name] = null;
      continue;
    }
    const problem = valueProblem(def, value);
    if (problem) errors.add(field, problem.code, problem.message);
    else changes[name] = value;
  }
  return changes;
}
