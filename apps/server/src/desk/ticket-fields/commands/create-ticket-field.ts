import { duplicate, FieldErrors } from '../../../platform/http/errors.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { firstFreeName, slugOfLabel } from '../field-names.js';
import { placeField } from '../field-positions.js';
import { checkFlags, normalizeChoices } from '../field-rules.js';
import type { CreateTicketFieldInput } from '../ticket-field.schemas.js';
import {
  bumpFieldsRevision,
  findFieldIdByLabel,
  findTicketField,
  insertTicketField,
  isUniqueViolation,
  listFieldOrder,
  namesStartingWith,
  type TicketFieldRow,
} from '../ticket-field.repository.js';

/**
 * Creates a custom ticket field named `cf_<slug of label>` (suffixed `_2`, `_3`... when taken).
 * Labels are unique case-insensitively (409 `duplicate_value`); dropdowns need choices.
 */
export async function createTicketField(
  ctx: DeskContext,
  input: CreateTicketFieldInput,
): Promise<TicketFieldRow> {
  const errors = new FieldErrors();
  let choices: string[] | null = null;
  if (input.type === 'custom_dropdown') {
    if (input.choices === undefined) errors.add('choices', 'missing_field', 'It should be a/an Array');
    else choices = normalizeChoices(input.choices, errors);
  } else if (input.choices !== undefined) {
    errors.add(
      'choices',
      'invalid_field',
      'Unexpected/invalid field in request: only dropdown fields have choices',
    );
  }
  const flags = {
    required_for_agents: input.required_for_agents ?? false,
    required_for_customers: input.required_for_customers ?? false,
    required_for_closure: input.required_for_closure ?? false,
    customers_can_edit: input.customers_can_edit ?? false,
    displayed_to_customers: input.displayed_to_customers ?? false,
  };
  checkFlags(flags, errors);
  errors.throwIfAny();

  return inTransaction(ctx, async (ctx) => {
    await bumpFieldsRevision(ctx.db);
    if (await findFieldIdByLabel(ctx.db, input.label)) throw duplicate('label');
    const base = `cf_${slugOfLabel(input.label)}`;
    const name = firstFreeName(base, await namesStartingWith(ctx.db, base));
    const now = new Date();
    let row: TicketFieldRow;
    try {
      row = await insertTicketField(ctx.db, {
        name,
        label: input.label,
        label_for_customers: input.label_for_customers ?? input.label,
        description: input.description ?? null,
        position: (await listFieldOrder(ctx.db)).length + 1,
        type: input.type,
        is_default: false,
        ...flags,
        choices: choices === null ? null : JSON.stringify(choices),
        created_at: now,
        updated_at: now,
      });
    } catch (error) {
      // A concurrent create took the same name between our read and insert.
      if (isUniqueViolation(error)) throw duplicate('label');
      throw error;
    }
    if (input.position === undefined) return row;
    await placeField(ctx.db, row.id, input.position);
    return (await findTicketField(ctx.db, row.id))!;
  });
}
