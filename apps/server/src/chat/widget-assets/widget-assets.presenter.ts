import type { WidgetBootstrap } from '@tandem/protocol';
import type { SiteRow, WidgetSettingsForWidget } from '../sites/index.js';

/** The bootstrap a page's loader gets when its origin may run the site's widget. */
export function presentWidgetBootstrap(input: {
  appId: string;
  site: Pick<SiteRow, 'id' | 'name'>;
  teamAvailable: boolean;
  identityVerification: boolean;
  uploadMaxBytes: number;
  /** The site's settings as the widget sees them (sites' presentWidgetSettingsForWidget). */
  widgetSettings: WidgetSettingsForWidget;
}): WidgetBootstrap {
  return {
    allowed: true,
    app_id: input.appId,
    site: { id: input.site.id, name: input.site.name },
    team_available: input.teamAvailable,
    settings: {
      identity_verification: input.identityVerification,
      upload_max_bytes: input.uploadMaxBytes,
      widget_settings: input.widgetSettings,
    },
  };
}
