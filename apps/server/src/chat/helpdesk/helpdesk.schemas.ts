import { z } from 'zod';

/** The helpdesk's portal URL and an admin's API key, as typed (the URL is normalized later). */
export const credentialsBody = z.strictObject({
  url: z.string().trim().min(1, 'It should not be blank').max(2000, 'It should be at most 2000 characters'),
  api_key: z.string().trim().min(1, 'It should not be blank').max(500, 'It should be at most 500 characters'),
});

/** No body: re-check the saved pair. A body: test this pair without saving it. */
// Fastify hands a missing body to the validator as null.
export const authenticateBody = credentialsBody.nullish();

/** The integration's switches (I4, I5, B3, B6); only the ones given change. */
export const settingsBody = z.strictObject({
  conversion_mandatory: z.boolean().optional(),
  no_csat_for_converted: z.boolean().optional(),
  live_faq_sync: z.boolean().optional(),
  ticket_replies_to_chat: z.boolean().optional(),
});

export type CredentialsInput = z.infer<typeof credentialsBody>;
export type HelpdeskSettingsInput = z.infer<typeof settingsBody>;
