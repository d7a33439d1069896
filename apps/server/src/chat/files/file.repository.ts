import type { ChatDb } from '../db.js';

const FILE_COLUMNS = [
  'id',
  'storage_key',
  'name',
  'content_type',
  'size_bytes',
  'kind',
  'uploaded_by_type',
  'uploaded_by_id',
  'created_at',
] as const;

export interface NewFile {
  id: string;
  storage_key: string;
  name: string;
  content_type: string;
  size_bytes: number;
  kind: 'image' | 'file';
  uploaded_by_type: 'user' | 'agent' | 'system';
  uploaded_by_id: string | null;
}

export function insertFile(db: ChatDb, values: NewFile) {
  return db
    .insertInto('files')
    .values({ ...values, created_at: new Date() })
    .returning(FILE_COLUMNS)
    .executeTakeFirstOrThrow();
}

export function findFileById(db: ChatDb, id: string) {
  return db.selectFrom('files').select(FILE_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export type FileRow = NonNullable<Awaited<ReturnType<typeof findFileById>>>;
