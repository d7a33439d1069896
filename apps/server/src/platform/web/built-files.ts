import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/*
 * Files of a front-end build (the widget, the agent apps) served by a product: read from the
 * build directory and kept in memory until their modification time changes (a rebuild while the
 * server runs is picked up on the next request), each with a strong ETag.
 */

export interface BuiltFile {
  body: Buffer;
  /** A strong ETag: a hash of the bytes. */
  etag: string;
}

/** Names builds give their hashed files (`index-B3x_9k.js`): no separators, no leading dot, no `..`. */
const BUILT_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

/** The content type of a built file by its extension; undefined for types builds never make. */
export function builtContentType(name: string): string | undefined {
  return TYPES[path.extname(name).toLowerCase()];
}

/** A reader of one build directory's files (absolute paths inside it), cached by modification time. */
export function builtFileReader() {
  const cache = new Map<string, { mtimeMs: number; file: BuiltFile }>();
  const read = async (file: string): Promise<BuiltFile | undefined> => {
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      return undefined;
    }
    if (!stat.isFile()) return undefined;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === stat.mtimeMs) return hit.file;
    const body = await fs.readFile(file);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
    const entry = { mtimeMs: stat.mtimeMs, file: { body, etag } };
    cache.set(file, entry);
    return entry.file;
  };
  return {
    read,
    /** A file of `folder` by its bare name as a request names it; undefined for any other name. */
    async named(folder: string, name: string): Promise<BuiltFile | undefined> {
      if (!BUILT_NAME.test(name)) return undefined;
      const file = path.join(folder, name);
      if (path.dirname(file) !== folder) return undefined;
      return read(file);
    },
  };
}
