import type { DeskDb } from '../db.js';

const COLUMNS = ['id', 'name', 'description', 'kind', 'is_default', 'created_at', 'updated_at'] as const;

export function listRoles(db: DeskDb) {
  return db.selectFrom('roles').select(COLUMNS).orderBy('id').execute();
}

export function findRole(db: DeskDb, id: number) {
  return db.selectFrom('roles').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function findRolesByIds(db: DeskDb, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('roles').select(COLUMNS).where('id', 'in', ids).execute();
}

export type RoleRow = Awaited<ReturnType<typeof listRoles>>[number];
