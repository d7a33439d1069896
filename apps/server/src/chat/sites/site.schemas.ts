import { z } from 'zod';
import { chatPaginationQuery } from './pagination.js';

export const SITE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const siteId = z
  .string()
  .regex(SITE_ID_PATTERN, 'It should be 1 to 64 letters, digits, underscores or hyphens');

/**
 * An origin as browsers send it: `scheme://host[:port]`, http or https, no path, query or
 * credentials. Normalized (`https://Example.com:443` → `https://example.com`) so comparing with
 * an `Origin` header is a plain string match.
 */
export const origin = z.string().transform((value, ctx) => {
  const fail = () => {
    ctx.addIssue({
      code: 'custom',
      message: "It should be an origin such as 'https://www.example.com' (scheme://host[:port])",
      params: { code: 'invalid_value' },
    });
    return z.NEVER;
  };
  if (!/^https?:\/\/[^/?#@\s]+$/i.test(value)) return fail();
  try {
    const url = new URL(value);
    if (url.origin === 'null' || url.username || url.password) return fail();
    return url.origin;
  } catch {
    return fail();
  }
});

const name = z.string().trim().min(1, 'It should not be blank').max(255);
const allowedOrigins = z
  .array(origin)
  .max(100, 'It should have at most 100 origins')
  .transform((list) => [...new Set(list)]);

export const createSiteBody = z.strictObject({
  id: siteId,
  name,
  allowed_origins: allowedOrigins.default([]),
});

export const updateSiteBody = z.strictObject({
  name: name.optional(),
  allowed_origins: allowedOrigins.optional(),
});

export const siteParams = z.object({ id: siteId });

export const listSitesQuery = z.object({ ...chatPaginationQuery });
