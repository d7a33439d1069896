import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * apps/agent-ui/dist/desk, found from this file: apps/server/src/desk/agent-app under tsx and
 * apps/server/dist/desk/agent-app once built sit at the same depth.
 */
export const DEFAULT_AGENT_APP_DIST_DIR = fileURLToPath(
  new URL('../../../../agent-ui/dist/desk/', import.meta.url),
);

export interface DistFile {
  body: Buffer;
  /** A strong ETag: a hash of the bytes. */
  etag: string;
}

/** Names the build produces (`index-B3xq1.js`): no separators, no leading dot, no `..`. */
const ASSET_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

/** The content type of a built asset by its extension; undefined for types the build never makes. */
export const assetContentType = (name: string): string | undefined => TYPES[path.extname(name).toLowerCase()];

/**
 * Reads the built agent UI, keeping each file in memory until its modification time changes
 * (a rebuild while the server runs is picked up on the next request).
 */
export function agentAppDist(dir: string) {
  const cache = new Map<string, { mtimeMs: number; file: DistFile }>();

  async function read(file: string): Promise<DistFile | undefined> {
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
  }

  return {
    dir,
    /** dist/desk/index.html, or undefined when the UI is not built. */
    index: () => read(path.join(dir, 'index.html')),
    /** A file of dist/desk/assets by its bare name; undefined for anything else. */
    async asset(name: string): Promise<DistFile | undefined> {
      if (!ASSET_NAME.test(name) || !assetContentType(name)) return undefined;
      const assetsDir = path.join(dir, 'assets');
      const file = path.join(assetsDir, name);
      if (path.dirname(file) !== assetsDir) return undefined;
      return read(file);
    },
  };
}

export type AgentAppDist = ReturnType<typeof agentAppDist>;
