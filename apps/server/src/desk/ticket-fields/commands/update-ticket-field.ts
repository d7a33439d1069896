import { AppError, duplicate, FieldErrors, type FieldError } from '../../../platform/http/errors.js';
import { inTransaction, type DeskContext } from '../../context.js';
import { CUSTOM_FIELD_TYPES, isCustomType, LIST_CHOICE_TYPES } from '../field-types.js';
import { placeField } from '../field-positions.js';
import { checkFlags, normalizeChoices } from '../field-rules.js';
import type { UpdateTicketFieldInput } from '../ticket-field.schemas.js';
import {
  bumpFieldsRevision,
  customValueInUse,
  customValueUsed,
  findFieldIdByLabel,
  findTicketField,
  ticketTypeInUse,
  updateTicketField as writeTicketField,
  type TicketFieldPatch,
  type TicketFieldRow,
} from '../ticket-field.repository.js';

/** 409 for an admin change that existing tickets' data would contradict. */
const conflict = (error: FieldError) => new AppError('validation_failed', 'Validation failed', [error], 409);

/**
 * Updates a ticket field. Labels, description, position and flags change freely (default fields
 * included). The name never changes: tickets store values under it. What is refused, so that no
 * stored ticket value ever becomes invalid:
 * - a default field's type (400 `invalid_value`), or a custom field turned into a default type;
 * - a custom field's type while any ticket (trash included) holds a value for it (409 `inconsistent_state`);
 * - removing a dropdown / ticket type choice some ticket still uses (409 `inconsistent_state`).
 * Choices may be added, reordered and removed when unused; only dropdowns and the default Type
 * field have editable choices.
 */
export async function updateTicketField(
  ctx: DeskContext,
  field: TicketFieldRow,
  input: UpdateTicketFieldInput,
): Promise<TicketFieldRow> {
  const errors = new FieldErrors();
  const typeChanges = input.type !== undefined && input.type !== field.type;
  if (typeChanges && field.is_default) {
    errors.add('type', 'invalid_value', 'The type of a default field cannot be changed');
  } else if (typeChanges && !isCustomType(input.type!)) {
    errors.add(
      'type',
      'invalid_value',
      `It should be one of these values: '${CUSTOM_FIELD_TYPES.join(',')}'`,
    );
  }
  const type = typeChanges && errors.empty ? input.type! : field.type;

  const oldChoices = Array.isArray(field.choices) ? (field.choices as string[]) : [];
  let choices: string[] | null | undefined; // undefined: leave as stored
  if (LIST_CHOICE_TYPES.includes(type)) {
    if (input.choices !== undefined) choices = normalizeChoices(input.choices, errors);
    else if (!LIST_CHOICE_TYPES.includes(field.type))
      errors.add('choices', 'missing_field', 'It should be a/an Array');
  } else {
    if (input.choices !== undefined) {
      errors.add(
        'choices',
        'invalid_field',
        'Unexpected/invalid field in request: only dropdown fields have choices',
      );
    }
    if (typeChanges && LIST_CHOICE_TYPES.includes(field.type)) choices = null;
  }

  const flags = {
    required_for_agents: input.required_for_agents ?? field.required_for_agents,
    required_for_customers: input.required_for_customers ?? field.required_for_customers,
    required_for_closure: input.required_for_closure ?? field.required_for_closure,
    customers_can_edit: input.customers_can_edit ?? field.customers_can_edit,
    displayed_to_customers: input.displayed_to_customers ?? field.displayed_to_customers,
  };
  checkFlags(flags, errors);
  errors.throwIfAny();

  return inTransaction(ctx, async (ctx) => {
    await bumpFieldsRevision(ctx.db);
    if (input.label !== undefined && (await findFieldIdByLabel(ctx.db, input.label, field.id))) {
      throw duplicate('label');
    }
    if (typeChanges && (await customValueInUse(ctx.db, field.name))) {
      throw conflict({
        field: 'type',
        code: 'inconsistent_state',
        message: 'The type cannot be changed while tickets have values for this field',
      });
    }
    if (choices && !typeChanges) {
      const removed = oldChoices.filter((value) => !choices!.includes(value));
      const used =
        field.type === 'default_ticket_type'
          ? await ticketTypeInUse(ctx.db, removed)
          : await customValueUsed(ctx.db, field.name, removed);
      if (used !== undefined) {
        throw conflict({
          field: 'choices',
          code: 'inconsistent_state',
          message: `The choice '${used}' is used by tickets and cannot be removed`,
        });
      }
    }

    const patch: TicketFieldPatch = { ...flags, type, updated_at: new Date() };
    if (input.label !== undefined) patch.label = input.label;
    if (input.label_for_customers !== undefined) patch.label_for_customers = input.label_for_customers;
    if (input.description !== undefined) patch.description = input.description;
    if (choices !== undefined) patch.choices = choices === null ? null : JSON.stringify(choices);
    await writeTicketField(ctx.db, field.id, patch);
    if (input.position !== undefined) await placeField(ctx.db, field.id, input.position);
    return (await findTicketField(ctx.db, field.id))!;
  });
}
