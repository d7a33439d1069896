import { z } from 'zod';

/** Longest accepted `query` value (including its double quotes), as in Freshdesk. */
export const MAX_QUERY_LENGTH = 512;
/** Freshdesk serves at most 10 pages of 30 results. */
export const MAX_SEARCH_PAGE = 10;

const invalid = (message: string) => ({ message, params: { code: 'invalid_value' } });

/** `query="<expression>"`: the expression between the double quotes is what gets parsed. */
const query = z
  .string()
  .refine(
    (v) => v.length <= MAX_QUERY_LENGTH,
    invalid(`It should not be longer than ${MAX_QUERY_LENGTH} characters`),
  )
  .refine(
    (v) => v.length >= 2 && v.startsWith('"') && v.endsWith('"'),
    invalid('The query must be enclosed in double quotes, e.g. query="priority:3"'),
  )
  .transform((v) => v.slice(1, -1));

const page = z
  .string()
  .optional()
  .refine(
    (v) => v === undefined || /^(?:[1-9]|10)$/.test(v),
    invalid(`It should be a Positive Integer less than or equal to ${MAX_SEARCH_PAGE}`),
  )
  .transform((v) => (v === undefined ? 1 : Number(v)));

export const searchSchema = {
  querystring: z.object({ query, page }),
};
