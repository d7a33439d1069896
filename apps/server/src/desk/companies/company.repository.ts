import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { CompaniesTable, DeskDb } from '../db.js';

/** Every company column: what presenters may see. */
export const COMPANY_COLUMNS = [
  'id',
  'name',
  'description',
  'note',
  'domains',
  'custom_fields',
  'health_score',
  'account_tier',
  'renewal_date',
  'industry',
  'created_at',
  'updated_at',
] as const;

export type CompanyRow = Pick<Selectable<CompaniesTable>, (typeof COMPANY_COLUMNS)[number]>;
export type NewCompany = Omit<Insertable<CompaniesTable>, 'custom_fields'> & {
  custom_fields?: Record<string, unknown>;
};
export type CompanyChanges = Omit<Updateable<CompaniesTable>, 'id' | 'custom_fields' | 'created_at'> & {
  custom_fields?: Record<string, unknown>;
};

export function findCompanyById(db: DeskDb, id: number): Promise<CompanyRow | undefined> {
  return db.selectFrom('companies').select(COMPANY_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The company whose name equals `name` case-insensitively (names are unique that way). */
export function findCompanyByName(db: DeskDb, name: string, exceptId?: number) {
  let query = db
    .selectFrom('companies')
    .select(['id', 'name'])
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
}

/** Companies already claiming any of `domains` (stored lowercase), other than `exceptId`. */
export function findCompaniesWithDomains(db: DeskDb, domains: string[], exceptId?: number) {
  if (domains.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('companies')
    .select(['id', 'domains'])
    // Raw cast: the array parameter needs an explicit text[] type for the && (overlap) operator.
    .where('domains', '&&', sql<string[]>`${domains}::text[]`);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return query.orderBy('id').execute();
}

/** One page of companies (plus one row, for the Link header), oldest first. */
export function listCompanies(db: DeskDb, page: { limit: number; offset: number }): Promise<CompanyRow[]> {
  return db
    .selectFrom('companies')
    .select(COMPANY_COLUMNS)
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export function insertCompany(db: DeskDb, values: NewCompany): Promise<CompanyRow> {
  const now = new Date();
  return db
    .insertInto('companies')
    .values({
      ...values,
      custom_fields: JSON.stringify(values.custom_fields ?? {}),
      created_at: values.created_at ?? now,
      updated_at: values.updated_at ?? now,
    })
    .returning(COMPANY_COLUMNS)
    .executeTakeFirstOrThrow();
}

export function updateCompany(db: DeskDb, id: number, changes: CompanyChanges): Promise<CompanyRow> {
  const { custom_fields, ...rest } = changes;
  return db
    .updateTable('companies')
    .set({
      ...rest,
      ...(custom_fields !== undefined ? { custom_fields: JSON.stringify(custom_fields) } : {}),
      updated_at: changes.updated_at ?? new Date(),
    })
    .where('id', '=', id)
    .returning(COMPANY_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Deletes the company; the foreign keys set contacts' and tickets' company_id to null. */
export async function deleteCompanyRow(db: DeskDb, id: number): Promise<void> {
  await db.deleteFrom('companies').where('id', '=', id).execute();
}

/** Companies whose name starts with `prefix` (case-insensitive), by name. */
export function autocompleteCompanies(db: DeskDb, prefix: string, limit: number) {
  const pattern = `${prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('companies')
    .select(['id', 'name'])
    .where((eb) => eb(eb.fn('lower', ['name']), 'like', pattern))
    .orderBy((eb) => eb.fn('lower', ['name']))
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The constraint a unique violation names, if `error` is one (a lost race with a duplicate). */
export function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23505' ? (e.constraint ?? '') : undefined;
}
