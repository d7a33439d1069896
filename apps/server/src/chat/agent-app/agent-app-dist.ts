import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * apps/agent-ui/dist/inbox, found from this file: apps/server/src/chat/agent-app under tsx and
 * apps/server/dist/chat/agent-app once built sit at the same depth.
 */
export const DEFAULT_INBOX_DIST_DIR = fileURLToPath(
  new URL('../../../../agent-ui/dist/inbox/', import.meta.url),
);

export interface AgentAppFile {
  body: Buffer;
  /** A strong ETag: the SHA-256 of the bytes. */
  etag: string;
}

/** The inbox is not built: the server answers 503 saying how to build it. */
export class AgentAppNotBuiltError extends Error {
  constructor(dir: string) {
    super(
      `The Chat inbox is not built (${path.join(dir, 'index.html')} is missing): run \`npm run build\` (or \`npm run build -w apps/agent-ui\`).`,
    );
  }
}

/** Names Vite gives built assets: `index-B3x_9k.js`; no separators, no leading dot, no `..`. */
const ASSET_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

/** The content type of a built asset by its extension; undefined for types the build never makes. */
export function agentAppContentType(name: string): string | undefined {
  return TYPES[path.extname(name).toLowerCase()];
}

/**
 * Reads a built agent app (Vite's dist: index.html and assets/), keeping each file in memory
 * until its modification time changes, so a rebuild while the server runs is picked up.
 */
export function agentAppDist(dir: string) {
  const cache = new Map<string, { mtimeMs: number; file: AgentAppFile }>();

  async function read(file: string): Promise<AgentAppFile | undefined> {
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
    /** index.html, the page of every client-side route. */
    async index(): Promise<AgentAppFile> {
      const file = await read(path.join(dir, 'index.html'));
      if (!file) throw new AgentAppNotBuiltError(dir);
      return file;
    },
    /** A file of dist/assets by its bare name; undefined for anything else. */
    async asset(name: string): Promise<AgentAppFile | undefined> {
      if (!ASSET_NAME.test(name)) return undefined;
      const assetsDir = path.join(dir, 'assets');
      const file = path.join(assetsDir, name);
      if (path.dirname(file) !== assetsDir) return undefined;
      return read(file);
    },
  };
}

export type AgentAppDist = ReturnType<typeof agentAppDist>;
