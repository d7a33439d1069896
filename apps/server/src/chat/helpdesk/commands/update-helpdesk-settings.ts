import type { ChatContext } from '../../context.js';
import { notConnectedFailure } from '../helpdesk-errors.js';
import { updateHelpdeskSettings } from '../helpdesk.repository.js';
import type { HelpdeskSettingsInput } from '../helpdesk.schemas.js';

/**
 * Sets the integration's switches (I4 conversion mandatory, I5 no CSAT for converted, B3 live FAQ
 * sync, B6 ticket replies to chat); 409 not_connected when no helpdesk is connected.
 */
export async function changeHelpdeskSettings(ctx: ChatContext, input: HelpdeskSettingsInput) {
  const settings = Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as HelpdeskSettingsInput;
  const row = await updateHelpdeskSettings(ctx.db, settings);
  if (!row) throw notConnectedFailure();
  return row;
}
