import { Migrator, type Kysely, type Migration } from 'kysely';

/**
 * Runs the given migrations (a name → module map, compiled in, so no directory scanning at run
 * time). Names start with a UTC timestamp; landed migrations are frozen.
 */
export async function migrateToLatest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any product's schema
  db: Kysely<any>,
  migrations: Record<string, Migration>,
  tableName: string,
  /** The product's PostgreSQL schema, when it has one (see openDatabase). */
  schema?: string,
) {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: tableName,
    migrationLockTableName: `${tableName}_lock`,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(
      `Migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`,
      {
        cause: error,
      },
    );
  }
  return results?.map((r) => r.migrationName) ?? [];
}
