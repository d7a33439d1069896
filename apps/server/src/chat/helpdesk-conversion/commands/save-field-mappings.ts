import { FieldErrors } from '../../../platform/http/errors.js';
import { inTransaction, type ChatContext } from '../../context.js';
import { findAttribute, incompatibility } from '../attributes.js';
import { replaceFieldMappings } from '../conversion.repository.js';
import { describeTicketFieldMapping, liveFields, propertiesOf } from '../conversion.queries.js';
import type { FieldMappingsBody } from '../conversion.schemas.js';

/**
 * PUT /integrations/helpdesk/field-mappings (I2): replaces the set after checking every pair
 * against the live fields; an incompatible pair is refused with the reason, on
 * `mappings[i].attribute` (or `.ticket_field`, `.fixed_value`).
 */
export async function saveFieldMappings(ctx: ChatContext, body: FieldMappingsBody) {
  const [fields, properties] = await Promise.all([liveFields(ctx), propertiesOf(ctx)]);
  const errors = new FieldErrors();
  const seen = new Set<string>();
  body.mappings.forEach((m, i) => {
    const field = fields.find((f) => f.name === m.ticket_field);
    if (!field) {
      errors.add(
        `mappings[${i}].ticket_field`,
        'invalid_value',
        `The helpdesk has no ticket field named "${m.ticket_field}"`,
      );
      return;
    }
    if (seen.has(m.ticket_field)) {
      errors.add(`mappings[${i}].ticket_field`, 'duplicate_value', `"${m.ticket_field}" is mapped twice`);
      return;
    }
    seen.add(m.ticket_field);
    const attribute = findAttribute(m.attribute, properties);
    if ('unknown' in attribute) {
      errors.add(`mappings[${i}].attribute`, 'invalid_value', attribute.unknown);
      return;
    }
    const reason = incompatibility(field, attribute, m.fixed_value);
    if (reason)
      errors.add(
        `mappings[${i}].${attribute.type === 'fixed' ? 'fixed_value' : 'attribute'}`,
        'invalid_value',
        reason,
      );
  });
  errors.throwIfAny();
  await inTransaction(ctx, async (tx) => {
    await replaceFieldMappings(
      tx.db,
      body.mappings.map((m) => {
        const field = fields.find((f) => f.name === m.ticket_field)!;
        return {
          ticket_field: m.ticket_field,
          attribute: m.attribute,
          fixed_value: m.attribute === 'fixed' ? m.fixed_value : null,
          show_field: m.show_field,
          field_type: field.type,
          field_label: field.label,
        };
      }),
      new Date(),
    );
  });
  return describeTicketFieldMapping(ctx);
}
