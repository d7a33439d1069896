import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtContentType, builtFileReader, type BuiltFile } from '../../platform/web/index.js';

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

export type DistFile = BuiltFile;

/** The widget is not built (no dist/): the server answers 503 saying how to build it. */
export class WidgetNotBuiltError extends Error {
  constructor(dir: string) {
    super(
      `The chat widget is not built (${dir} is missing): run \`npm run build\` (or \`npm run build -w apps/widget\`).`,
    );
  }
}

/**
 * Reads the built widget, keeping each file in memory until its modification time changes (a
 * rebuild while the server runs is picked up on the next request).
 */
export function widgetDist(dir: string) {
  const files = builtFileReader();
  const read = files.read;

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
    asset: (name: string): Promise<DistFile | undefined> => files.named(path.join(dir, 'frame'), name),
  };
}

export type WidgetDist = ReturnType<typeof widgetDist>;

/** The content type of a built asset by its extension; undefined for types the build never makes. */
export const assetContentType = builtContentType;
