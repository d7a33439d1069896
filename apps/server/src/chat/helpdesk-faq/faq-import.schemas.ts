import { z } from 'zod';

/** A helpdesk id as Chat keeps it: Freshdesk's numbers, or any other server's strings. */
const helpdeskId = z
  .union([z.number().int().nonnegative(), z.string().trim().min(1).max(64)], {
    error: 'It should be a helpdesk id',
  })
  .transform(String);

export const startFaqImportBody = z
  .strictObject({
    folder_ids: z.array(helpdeskId).max(1000, 'It should have at most 1000 folders').optional(),
    article_ids: z.array(helpdeskId).max(1000, 'It should have at most 1000 articles').optional(),
    /** "Don't overwrite category title and description": categories only, never articles. */
    preserve_category_text: z.boolean().optional(),
  })
  .nullish();

export const faqImportParams = z.object({ id: z.uuid({ error: 'It should be an import id (UUID)' }) });

export type StartFaqImportInput = z.infer<typeof startFaqImportBody>;
