import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtContentType, builtFileReader, type BuiltFile } from '../../platform/web/index.js';

/**
 * apps/agent-ui/dist/desk, found from this file: apps/server/src/desk/agent-app under tsx and
 * apps/server/dist/desk/agent-app once built sit at the same depth.
 */
export const DEFAULT_AGENT_APP_DIST_DIR = fileURLToPath(
  new URL('../../../../agent-ui/dist/desk/', import.meta.url),
);

export type DistFile = BuiltFile;

/** The content type of a built asset by its extension; undefined for types the build never makes. */
export const assetContentType = builtContentType;

/** The built agent UI (Vite's dist: index.html and assets/). */
export function agentAppDist(dir: string) {
  const files = builtFileReader();
  return {
    dir,
    /** dist/desk/index.html, or undefined when the UI is not built. */
    index: () => files.read(path.join(dir, 'index.html')),
    /** A file of dist/desk/assets by its bare name and a type builds make; undefined for anything else. */
    asset: async (name: string): Promise<DistFile | undefined> =>
      builtContentType(name) ? files.named(path.join(dir, 'assets'), name) : undefined,
  };
}

export type AgentAppDist = ReturnType<typeof agentAppDist>;
