import type { DeskDb } from '../db.js';
import { listFieldRules, type FieldRuleRow } from './ticket-field.repository.js';

/**
 * Field rules are read on every ticket write and view but change only by admin action. Each
 * request learns the current `ticket_fields` revision with its auth query (desk_revisions, bumped
 * in the same transaction as every field change), so a process may serve the rules from memory
 * while the revision it loaded them at is still current: an admin adding a required field makes
 * the next request in any process reload them. Inside a transaction, or without a revision, the
 * rules are read fresh.
 */
const cache = new WeakMap<object, { revision: number; rules: FieldRuleRow[] }>();

/** The ticket field rules, from memory when `revision` is current for this database. */
export async function loadFieldRules(db: DeskDb, revision: number | undefined): Promise<FieldRuleRow[]> {
  if (revision === undefined || db.isTransaction) return listFieldRules(db);
  const hit = cache.get(db);
  if (hit && hit.revision === revision) return hit.rules;
  // Read after the revision was: the rules are at least as new as the label they are kept under.
  const rules = await listFieldRules(db);
  cache.set(db, { revision, rules });
  return rules;
}
