import { z } from 'zod';
import { paginationQuery } from '../../platform/http/schemas.js';

/** Longest accepted search term. */
export const MAX_TERM_LENGTH = 512;

const invalid = (message: string) => ({ message, params: { code: 'invalid_value' } });

const term = z
  .string()
  .refine((v) => v.trim() !== '', invalid('It should not be blank'))
  .refine(
    (v) => v.length <= MAX_TERM_LENGTH,
    invalid(`It should not be longer than ${MAX_TERM_LENGTH} characters`),
  );

export const searchSolutionsSchema = {
  querystring: z.object({ term, ...paginationQuery }),
};
