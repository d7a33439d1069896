import { isoTime } from '../../platform/http/format.js';
import type { AccountRow } from './account.repository.js';

/** `GET /v2/accounts/configuration` (chat-v2.md B5), with the widget token admins paste into sites. */
export function presentAccountConfiguration(row: AccountRow) {
  return {
    account_id: row.id,
    app_id: row.app_id,
    widget_token: row.widget_token,
    account_name: row.name,
    plan_type: 'self_hosted',
    created_time: isoTime(row.created_at),
  };
}
