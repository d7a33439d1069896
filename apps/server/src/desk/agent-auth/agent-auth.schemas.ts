import { z } from 'zod';

/** POST /api/_session. Lengths bound the work an attempt can cause (argon2 on the password). */
export const signInBody = z.strictObject({
  email: z.string().max(254),
  password: z.string().max(1024),
});
