import type { FieldErrors } from '../../platform/http/errors.js';

/** Admin-side rules shared by creating and updating ticket fields. */

/**
 * Dropdown choices `[{value, position}]` → the stored list of values in position order (choices
 * without a position keep their place after positioned ones). Values must be unique,
 * case-insensitively, so a ticket value can never match two choices.
 */
export function normalizeChoices(
  choices: { value: string; position?: number | undefined }[],
  errors: FieldErrors,
): string[] {
  const seen = new Set<string>();
  for (const { value } of choices) {
    const key = value.toLowerCase();
    if (seen.has(key))
      errors.add('choices', 'invalid_value', `It should contain unique values: '${value}' is repeated`);
    seen.add(key);
  }
  return choices
    .map((choice, index) => ({ ...choice, index }))
    .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || a.index - b.index)
    .map((choice) => choice.value);
}

export interface FieldFlags {
  required_for_customers: boolean;
  customers_can_edit: boolean;
  displayed_to_customers: boolean;
}

/**
 * A field customers must fill has to be one they can see and edit, else the portal form could
 * never be submitted; one they can edit has to be one they can see.
 */
export function checkFlags(flags: FieldFlags, errors: FieldErrors): void {
  if (flags.required_for_customers && !(flags.customers_can_edit && flags.displayed_to_customers)) {
    errors.add(
      'required_for_customers',
      'invalid_value',
      'It can be true only when customers_can_edit and displayed_to_customers are true',
    );
  }
  if (flags.customers_can_edit && !flags.displayed_to_customers) {
    errors.add(
      'customers_can_edit',
      'invalid_value',
      'It can be true only when displayed_to_customers is true',
    );
  }
}
