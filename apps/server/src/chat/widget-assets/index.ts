/** Serving the widget (widget.js, the iframe's page and assets) and its bootstrap check. */
export {
  widgetAssetRoutes,
  widgetBootstrapRoutes,
  type WidgetAssetRoutesOptions,
} from './widget-assets.routes.js';
export { DEFAULT_WIDGET_DIST_DIR, widgetDist, type WidgetManifest } from './widget-dist.js';
export { frameAncestorsOf, siteAllowsOrigin, OPEN_SITE_FRAME_ANCESTORS } from './widget-assets.policy.js';
