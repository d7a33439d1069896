import { notFound } from '../../../platform/http/errors.js';
import type { ChatContext } from '../../context.js';
import type { WidgetSettings } from '../site.schemas.js';
import { updateSite as updateSiteRow } from '../site.repository.js';
import { checkWidgetSettings } from './check-widget-settings.js';

/** Renames a site, or replaces its allowed origins or its widget settings (each as a whole). */
export async function updateSite(
  ctx: ChatContext,
  id: string,
  input: {
    name?: string | undefined;
    allowed_origins?: string[] | undefined;
    widget_settings?: WidgetSettings | undefined;
  },
) {
  if (input.widget_settings) await checkWidgetSettings(ctx.db, input.widget_settings);
  const row = await updateSiteRow(ctx.db, id, input);
  if (!row) throw notFound();
  return row;
}
