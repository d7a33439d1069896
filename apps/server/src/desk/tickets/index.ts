export { ticketsRoutes } from './ticket.routes.js';
export { applyTicketScope, assertCanAccessTicket, canAccessTicket } from './ticket.policy.js';
export {
  presentTicket,
  presentConversation,
  presentAttachment,
  type TicketExtras,
} from './ticket.presenter.js';
export { TICKET_COLUMNS, type TicketRow } from './ticket.repository.js';
export { createPortalTicket, type PortalFormValues } from './commands/create-portal-ticket.js';
export { createPortalReply } from './commands/create-portal-reply.js';
export {
  customerTicketForm,
  findContactTicket,
  listContactTickets,
  portalTextToHtml,
  type FieldDef,
  type PortalConversation,
  type PortalTicket,
  type PortalTicketSummary,
} from './ticket.portal.js';
