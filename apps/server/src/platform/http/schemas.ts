import { z } from 'zod';

/** Shared zod building blocks for Freshdesk-style request schemas. */

/** A positive integer id, from JSON (number) or a path/query string. */
export const id = z.coerce
  .number({ error: 'It should be a/an Positive Integer' })
  .int('It should be a/an Positive Integer')
  .positive('It should be a/an Positive Integer');
export const bodyId = z
  .number({ error: 'It should be a/an Positive Integer' })
  .int('It should be a/an Positive Integer')
  .positive('It should be a/an Positive Integer');

export const email = z.email({ error: "It should be in the 'valid email address' format" }).max(255);
export const emailList = z.array(
  z.email({ error: "It should contain elements that are in the 'valid email address' format" }),
);

export const idParams = z.object({ id });

export const paginationQuery = {
  page: z.coerce
    .number()
    .int('It should be a/an Positive Integer')
    .min(1, 'It should be a/an Positive Integer')
    .default(1),
  per_page: z.coerce
    .number()
    .int('It should be a Positive Integer less than or equal to 100')
    .min(1, 'It should be a Positive Integer less than or equal to 100')
    .max(100, 'It should be a Positive Integer less than or equal to 100')
    .default(30),
};

/** Query booleans as sent by clients: `true`/`false`. */
export const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

/** An ISO-8601 timestamp string → Date. */
export const isoTimestamp = z
  // The union carries the message: without it a failed union reports zod's "Invalid input".
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: "It should be in the 'combined date and time ISO8601' format",
  })
  .transform((v) => new Date(v));

/** Comma-separated `include=` values checked against the allowed list. */
export const includeList = <T extends string>(allowed: readonly T[]) =>
  z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(allowed as unknown as [T, ...T[]])));
