import { z } from 'zod';
import { bodyId, idParams } from '../../platform/http/schemas.js';

/** A hostname (letters, digits, hyphens; dot-separated labels) with an optional port. */
const HOST =
  /^(?=.{1,253}(?::|$))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::(\d{1,5}))?$/i;

const host = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => HOST.test(v) && Number(HOST.exec(v)?.[1] ?? 0) <= 65535, {
    params: { code: 'invalid_value' },
    message: "It should be in the 'hostname[:port]' format",
  });

/** Only `#rrggbb`: the colour is written into the pages' CSS, so nothing else may pass. */
const brandColor = z
  .string()
  .refine((v) => /^#[0-9a-fA-F]{6}$/.test(v), {
    params: { code: 'invalid_value' },
    message: "It should be in the '#rrggbb' format",
  })
  .transform((v) => v.toLowerCase());

const logoUrl = z
  .string()
  .max(2048)
  .refine(
    (v) => {
      try {
        const url = new URL(v);
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    { params: { code: 'invalid_value' }, message: "It should be in the 'http(s) URL' format" },
  );

const portalFields = {
  host: host.nullable().optional(),
  is_default: z.boolean().optional(),
  brand_color: brandColor.optional(),
  logo_url: logoUrl.nullable().optional(),
  chat_enabled: z.boolean().optional(),
  category_ids: z.array(bodyId).optional(),
};
const name = z.string().trim().min(1, 'It should not be blank').max(255);

export const createPortalBody = z.strictObject({ name, ...portalFields });
export type CreatePortalInput = z.infer<typeof createPortalBody>;

export const updatePortalBody = z.strictObject({ name: name.optional(), ...portalFields });
export type UpdatePortalInput = z.infer<typeof updatePortalBody>;

export const viewPortalSchema = { params: idParams };
export const createPortalSchema = { body: createPortalBody };
export const updatePortalSchema = { params: idParams, body: updatePortalBody };
export const deletePortalSchema = { params: idParams };
