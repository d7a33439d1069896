import { randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * A directory of immutable blobs addressed by opaque keys. Domain-free: callers keep the
 * metadata (name, type, owner) in their own tables and store only the key.
 */
export interface FileStore {
  /** Writes the bytes under a new key and returns it. */
  save(data: Buffer): Promise<string>;
  /** A read stream for a stored key; rejects with ENOENT when the file is gone. */
  open(key: string): Promise<ReadStream>;
  /** Removes the keys; missing files are ignored (removal is cleanup, never an error path). */
  remove(keys: readonly string[]): Promise<void>;
}

// `ab/<uuid>`: a two-character fan-out keeps directories small; nothing else may name a file.
const KEY = /^[0-9a-f]{2}\/[0-9a-f-]{36}$/;

/** A file store rooted at `rootDir` (created on first write). */
export function createFileStore(rootDir: string): FileStore {
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`invalid file key: ${key}`);
    return path.join(rootDir, key);
  };
  return {
    async save(data) {
      const id = randomUUID();
      const key = `${id.slice(0, 2)}/${id}`;
      const file = pathOf(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, data, { flag: 'wx' });
      return key;
    },
    async open(key) {
      const file = pathOf(key);
      // Stat first so a missing file rejects here instead of erroring mid-response.
      await fs.stat(file);
      return createReadStream(file);
    },
    async remove(keys) {
      await Promise.all(keys.map((key) => fs.rm(pathOf(key), { force: true })));
    },
  };
}
