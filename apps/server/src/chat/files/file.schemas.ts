import { z } from 'zod';

/** Any id or name: a malformed one is simply not found (404), like an unknown one. */
export const downloadParams = z.object({ id: z.string(), name: z.string() });

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
