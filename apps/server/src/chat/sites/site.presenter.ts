import { isoTime } from '../../platform/http/format.js';
import type { UserPropertyRow } from '../user-properties/index.js';
import type { SiteRow } from './site.repository.js';
import { isContactField, widgetSettings, type WidgetSettings } from './site.schemas.js';

const DEFAULT_WIDGET_SETTINGS = widgetSettings.parse({});

/**
 * A site's stored widget settings. They were validated on write; a value that no longer
 * parses (written by hand, or by an older shape) reads as the defaults rather than reaching a
 * widget half-formed.
 */
export function readWidgetSettings(row: Pick<SiteRow, 'widget_settings'>): WidgetSettings {
  return widgetSettings.safeParse(row.widget_settings).data ?? DEFAULT_WIDGET_SETTINGS;
}

/** A site (C3), as admins manage it: the id pages pass to the widget, allowed origins, widget settings. */
export function presentSite(row: SiteRow) {
  return {
    id: row.id,
    name: row.name,
    allowed_origins: row.allowed_origins,
    widget_settings: readWidgetSettings(row),
    created_time: isoTime(row.created_at),
    updated_time: isoTime(row.updated_at),
  };
}

/**
 * The widget's view of its site's settings (`widget_settings` of GET /v2/widget/bootstrap):
 * each `cf_` field of the pre-chat form carries what the frame needs to render it (the
 * property's type, label and dropdown choices). A field whose property has since been deleted is
 * left out: the widget could not store its answer.
 */
export function presentWidgetSettingsForWidget(
  settings: WidgetSettings,
  definitions: readonly Pick<UserPropertyRow, 'name' | 'label' | 'type' | 'choices'>[],
) {
  const byName = new Map(definitions.map((definition) => [definition.name, definition]));
  const fields = settings.prechat.fields.flatMap((field) => {
    if (isContactField(field.name))
      return [{ name: field.name, label: field.label, required: field.required }];
    const definition = byName.get(field.name);
    if (!definition) return [];
    return [
      {
        name: field.name,
        label: field.label,
        required: field.required,
        property: {
          type: definition.type,
          label: definition.label,
          choices: definition.type === 'dropdown' ? definition.choices : [],
        },
      },
    ];
  });
  return {
    prechat: {
      enabled: settings.prechat.enabled && fields.length > 0,
      fields,
      ...(settings.prechat.message ? { message: settings.prechat.message } : {}),
    },
    greeting: settings.greeting,
    color: settings.color,
    position: settings.position,
  };
}
export type WidgetSettingsForWidget = ReturnType<typeof presentWidgetSettingsForWidget>;
