export { ticketFieldsRoutes } from './ticket-field.routes.js';
export { checkTicketFields, customFieldDefaults } from './check-ticket-fields.js';
export type { TicketFieldCheckInput, TicketFieldCheckResult } from './check-ticket-fields.js';
