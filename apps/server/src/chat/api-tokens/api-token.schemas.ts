import { z } from 'zod';

export const createApiTokenBody = z.strictObject({
  name: z.string().trim().min(1, 'It should not be blank').max(100, 'It should be at most 100 characters'),
});
export const apiTokenParams = z.object({ id: z.uuid({ error: 'It should be a token id (UUID)' }) });
