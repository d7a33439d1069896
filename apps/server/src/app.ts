/**
 * The products this server can run, as Fastify instances that never listen (tests inject into
 * them; main.ts binds them to ports). Desk and Chat are built apart and share nothing but platform/.
 */
export { buildDeskApp } from './desk/index.js';
export { buildChatApp } from './chat/index.js';
