export { ticketsRoutes } from './ticket.routes.js';
export { applyTicketScope, assertCanAccessTicket, canAccessTicket } from './ticket.policy.js';
export {
  presentTicket,
  presentConversation,
  presentAttachment,
  type TicketExtras,
} from './ticket.presenter.js';
export { TICKET_COLUMNS, type TicketRow } from './ticket.repository.js';
