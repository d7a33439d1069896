import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DeskServices } from '../context.js';

/** Admin API for portals, under /api/v2 (to be built). */
export const portalAdminRoutes: FastifyPluginAsyncZod = async () => {};

/** The customer-facing portal pages, outside /api/v2 (to be built). */
export const portalPageRoutes: FastifyPluginAsyncZod<{ services: DeskServices }> = async () => {};
