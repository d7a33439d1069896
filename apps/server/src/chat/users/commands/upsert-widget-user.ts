import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { email } from '../../../platform/http/schemas.js';
import { parseOrThrow } from '../../../platform/http/validation.js';
import type { ChatDb } from '../../db.js';
import { generateRestoreId, hashRestoreId } from '../restore-id.js';
import {
  findUserByReference,
  findUserByRestoreHash,
  insertUser,
  updateUser,
  type UserRow,
} from '../user.repository.js';
import { checkUserWrite } from './user-checks.js';

export interface WidgetUserInput {
  siteId: string;
  /** The host site's user id (`externalId`); the caller has verified it when required. */
  referenceId?: string;
  /** The restore id the widget kept from an earlier visit. */
  restoreId?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  /** Custom properties (`meta`), checked against the definitions like REST writes. */
  properties?: Record<string, unknown>;
}

export interface WidgetUserResult {
  user: UserRow;
  created: boolean;
  /** Only for a user created by this call: the widget keeps it to come back as the same user. */
  restoreId?: string;
}

const profileSchema = z.object({
  firstName: z.string().trim().max(255).optional(),
  lastName: z.string().trim().max(255).optional(),
  email: email.optional(),
  phone: z.string().trim().min(1).max(50).optional(),
  referenceId: z.string().trim().min(1).max(255).optional(),
});

/**
 * The widget's user for a visit (C3, C4): found by external id, else by restore id, within the
 * site only; the given details update it. Without a match a new user is created and its restore
 * id returned once. Throws a validation error for a bad email, unknown site or property.
 */
export async function upsertWidgetUser(db: ChatDb, input: WidgetUserInput): Promise<WidgetUserResult> {
  const profile = parseOrThrow(profileSchema, {
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    phone: input.phone,
    referenceId: input.referenceId,
  });
  const run = async (db: ChatDb): Promise<WidgetUserResult> => {
    const propertyChanges = await checkUserWrite(db, {
      siteId: input.siteId,
      properties: Object.entries(input.properties ?? {}).map(([name, value]) => ({ name, value })),
    });
    const changes = {
      first_name: profile.firstName || undefined,
      last_name: profile.lastName || undefined,
      email: profile.email,
      phone: profile.phone,
    };
    const byReference = profile.referenceId
      ? await findUserByReference(db, input.siteId, profile.referenceId)
      : undefined;
    const byRestore =
      !byReference && input.restoreId
        ? await findUserByRestoreHash(db, input.siteId, hashRestoreId(input.restoreId))
        : undefined;
    // A restored anonymous visitor who now logs in keeps their history under the external id.
    const adoptReference = byRestore && !byRestore.reference_id ? profile.referenceId : undefined;
    const existing =
      byReference ?? (byRestore && (!byRestore.reference_id || !profile.referenceId) ? byRestore : undefined);
    if (existing) {
      const user = await updateUser(
        db,
        existing.id,
        { ...changes, reference_id: adoptReference },
        propertyChanges,
      );
      return { user: user!, created: false };
    }
    const restoreId = generateRestoreId();
    const inserted = await insertUser(db, randomUUID(), {
      site_id: input.siteId,
      reference_id: profile.referenceId ?? null,
      first_name: changes.first_name ?? null,
      last_name: changes.last_name ?? null,
      email: changes.email ?? null,
      phone: changes.phone ?? null,
      avatar_url: null,
      properties: Object.fromEntries(Object.entries(propertyChanges).filter(([, v]) => v !== null)),
      restore_id_hash: hashRestoreId(restoreId),
    });
    if (inserted) return { user: inserted, created: true, restoreId };
    // Another request created this external id's user meanwhile: update that one instead.
    const raced = (await findUserByReference(db, input.siteId, profile.referenceId!))!;
    const user = await updateUser(db, raced.id, changes, propertyChanges);
    return { user: user!, created: false };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
