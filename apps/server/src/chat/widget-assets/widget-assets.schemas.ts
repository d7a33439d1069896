import { z } from 'zod';
import { DEFAULT_SITE_ID, SITE_ID_PATTERN } from '../sites/index.js';

const siteId = z
  .string()
  .regex(SITE_ID_PATTERN, 'It should be 1 to 64 letters, digits, underscores or hyphens')
  .default(DEFAULT_SITE_ID);
const token = z.string().min(1, 'It should not be blank').max(2000);

/** `GET /v2/widget/bootstrap`: the widget token and the site (the default site when omitted). */
export const bootstrapQuery = z.object({ token, site_id: siteId });

/**
 * `GET /widget/frame`: as the bootstrap, plus what the loader adds for the frame app (the page
 * origin it posts `ready` to, the locale); unknown keys are the app's business.
 */
export const frameQuery = z.object({
  token,
  site_id: siteId,
  origin: z.string().max(2000).optional(),
  locale: z.string().max(35).optional(),
});

export const assetParams = z.object({ file: z.string().max(200) });
