import { isoTime } from '../../platform/http/format.js';
import type { UserRow } from './user.repository.js';

/**
 * A user in the chat-v2.md B2 shape: custom properties as `[{name, value}]`, `avatar{url}`
 * (url null when unset). `restore_id` is only added by the create response.
 */
export function presentUser(row: UserRow) {
  const properties = (row.properties ?? {}) as Record<string, unknown>;
  return {
    id: row.id,
    site_id: row.site_id,
    reference_id: row.reference_id,
    first_name: row.first_name,
    last_name: row.last_name,
    email: row.email,
    phone: row.phone,
    avatar: { url: row.avatar_url },
    properties: Object.keys(properties)
      .sort()
      .map((name) => ({ name, value: properties[name] })),
    social_profiles: [] as { type: string; id: string }[],
    created_time: isoTime(row.created_at),
    updated_time: isoTime(row.updated_at),
  };
}

export type PresentedUser = ReturnType<typeof presentUser>;
