import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * apps/widget/dist, found from this file: apps/server/src/chat/widget-assets under tsx and
 * apps/server/dist/chat/widget-assets once built sit at the same depth.
 */
export const DEFAULT_WIDGET_DIST_DIR = fileURLToPath(new URL('../../../../widget/dist/', import.meta.url));

/** What `npm run build` of apps/widget writes into dist/manifest.json. */
export interface WidgetManifest {
  script: string;
  style: string | null;
  /** Chunks the script imports statically (with code splitting on); preloaded. */
  chunks?: string[];
}

export interface DistFile {
  body: Buffer;
  /** A strong ETag: the SHA-256 of the bytes. */
  etag: string;
}

/** The widget is not built (no dist/): the server answers 503 saying how to build it. */
export class WidgetNotBuiltError extends Error {
  constructor(dir: string) {
    super(
      `The chat widget is not built (${dir} is missing): run \`npm run build\` (or \`npm run build -w apps/widget\`).`,
    );
  }
}

/** Names the build produces: `frame.3FJX2K.js`; no separators, no leading dot, no `..`. */
const ASSET_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/;

/**
 * Reads the built widget, keeping each file in memory until its modification time changes (a
 * rebuild while the server runs is picked up on the next request).
 */
export function widgetDist(dir: string) {
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

  async function required(name: string): Promise<DistFile> {
    const file = await read(path.join(dir, name));
    if (!file) throw new WidgetNotBuiltError(dir);
    return file;
  }

  return {
    dir,
    /** dist/widget.js, the loader. */
    loader: () => required('widget.js'),
    /** dist/manifest.json: the frame's script and stylesheet names. */
    async manifest(): Promise<WidgetManifest> {
      const raw = await required('manifest.json');
      return JSON.parse(raw.body.toString('utf8')) as WidgetManifest;
    },
    /** A file of dist/frame by its bare name; undefined for anything else. */
    async asset(name: string): Promise<DistFile | undefined> {
      if (!ASSET_NAME.test(name)) return undefined;
      const frameDir = path.join(dir, 'frame');
      const file = path.join(frameDir, name);
      if (path.dirname(file) !== frameDir) return undefined;
      return read(file);
    },
  };
}

export type WidgetDist = ReturnType<typeof widgetDist>;

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

/** The content type of a built asset by its extension; undefined for types the build never makes. */
export function assetContentType(name: string): string | undefined {
  return TYPES[path.extname(name).toLowerCase()];
}
