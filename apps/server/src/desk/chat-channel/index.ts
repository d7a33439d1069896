export { chatChannelRoutes } from './chat-channel.routes.js';
export { portalChatWidget, type PortalChatWidget, type WidgetContact } from './portal-widget.js';
export { syncPortalSite } from './commands/sync-portal-site.js';
export { chatPanelLocation, chatPanelRoutes, type ChatPanelLocation } from './chat-panel.routes.js';
