import { z } from 'zod';

export const createApiTokenBody = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const apiTokenParams = z.object({ id: z.uuid({ error: 'It should be a token id (UUID)' }) });
