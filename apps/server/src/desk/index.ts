/** Desk, the helpdesk product. Its front door for app.ts; Chat never imports it. */
export { buildDeskApp, type DeskApp, type DeskAppOptions } from './desk-app.js';
