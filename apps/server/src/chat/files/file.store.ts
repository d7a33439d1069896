import path from 'node:path';
import { createFileStore, type FileStore } from '../../platform/files/index.js';
import type { ChatServices } from '../context.js';

/** Where Chat's uploads live: `<DATA_DIR>/chat/files`. */
export function fileStoreOf(services: ChatServices): FileStore {
  return createFileStore(path.join(services.config.dataDir, 'files'));
}
