import { FieldErrors } from '../../../platform/http/errors.js';
import type { ChatDb } from '../../db.js';
import { listUserProperties } from '../../user-properties/index.js';
import { prechatPropertyNames, type WidgetSettings } from '../site.schemas.js';

/**
 * What the schema cannot check: each `cf_` field of the pre-chat form names a declared user
 * property (the widget writes the answers to it). Reports every unknown name at once.
 */
export async function checkWidgetSettings(db: ChatDb, settings: WidgetSettings): Promise<void> {
  const names = prechatPropertyNames(settings);
  if (names.length === 0) return;
  const declared = new Set((await listUserProperties(db)).map((definition) => definition.name));
  const errors = new FieldErrors();
  for (const name of names) {
    if (!declared.has(name)) {
      errors.add(
        'widget_settings.prechat.fields.name',
        'invalid_value',
        `No user property '${name}' is defined (see GET /v2/users/fields)`,
      );
    }
  }
  errors.throwIfAny();
}
