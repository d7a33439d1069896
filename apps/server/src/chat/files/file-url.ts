import type { ChatDb } from '../db.js';
import { findFileById } from './file.repository.js';
import { UUID } from './file.schemas.js';

/**
 * The stored file a URL names, when it is one of this Chat's download URLs
 * (`<baseUrl>/v2/files/<id>/<name>`); undefined for any other URL or an unknown id.
 */
export async function findChatFileByUrl(db: ChatDb, url: string, baseUrl: string) {
  const prefix = `${baseUrl}/v2/files/`;
  if (!url.startsWith(prefix)) return undefined;
  const [id, name, ...rest] = url.slice(prefix.length).split('/');
  if (!id || !UUID.test(id) || !name || rest.length) return undefined;
  return findFileById(db, id);
}
