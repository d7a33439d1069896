/** Chat's FAQ (C7): the admin API (with by-source upserts for the helpdesk import) and the widget's. */
export { faqRoutes } from './faq.routes.js';
export { faqWidgetRoutes } from './faq-widget.routes.js';
