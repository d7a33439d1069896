import { duplicate } from '../../../platform/http/errors.js';
import type { ChatContext } from '../../context.js';
import type { WidgetSettings } from '../site.schemas.js';
import { insertSite } from '../site.repository.js';
import { checkWidgetSettings } from './check-widget-settings.js';

/** Creates a site; its id is chosen by the admin (pages pass it to the widget). 409 when taken. */
export async function createSite(
  ctx: ChatContext,
  input: {
    id: string;
    name: string;
    allowed_origins: string[];
    widget_settings?: WidgetSettings | undefined;
  },
) {
  if (input.widget_settings) await checkWidgetSettings(ctx.db, input.widget_settings);
  const row = await insertSite(ctx.db, input);
  if (!row) throw duplicate('id');
  return row;
}
