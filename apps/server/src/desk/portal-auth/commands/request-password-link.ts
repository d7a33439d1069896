import { randomToken, sha256 } from '../../../platform/web/index.js';
import type { DeskServices } from '../../context.js';
import { deliverMail, enqueueMail } from '../mail.js';
import {
  countContactTokensSince,
  findPortalContactByEmail,
  insertContactToken,
} from '../portal-auth.repository.js';

export const PASSWORD_LINK_TTL_MS = 24 * 60 * 60 * 1000;
/** Links per contact per hour: enough for a lost mail or two, not enough to flood an inbox. */
export const PASSWORD_LINKS_PER_HOUR = 5;

/**
 * Mails a one-time link for setting a password (valid 24 h) when a portal contact has this
 * email. Resolves the same way whether or not one does, so the form reveals no accounts.
 */
export async function requestPasswordLink(
  services: DeskServices,
  input: { portal: { id: number; baseUrl: string }; email: string },
): Promise<void> {
  const email = input.email.trim();
  if (!email || email.length > 254) return;
  const contact = await findPortalContactByEmail(services.db, email);
  if (!contact?.email) return;

  const now = new Date();
  const recent = await countContactTokensSince(services.db, contact.id, new Date(now.getTime() - 3600_000));
  if (recent >= PASSWORD_LINKS_PER_HOUR) return;

  const token = randomToken();
  const link = `${input.portal.baseUrl.replace(/\/+$/, '')}/support/password/set?token=${token}`;
  const mailId = await services.db.transaction().execute(async (trx) => {
    await insertContactToken(trx, {
      token_hash: sha256(token),
      contact_id: contact.id,
      expires_at: new Date(now.getTime() + PASSWORD_LINK_TTL_MS),
      created_at: now,
    });
    return enqueueMail(trx, {
      to: contact.email!,
      subject: 'Set your support portal password',
      text: [
        `Hello ${contact.name},`,
        '',
        'Follow this link to set the password you sign in to the support portal with:',
        link,
        '',
        'The link works once and expires in 24 hours. If you did not ask for it, ignore this mail.',
      ].join('\n'),
      html: null,
    });
  });
  deliverMail(services, [mailId]);
}
