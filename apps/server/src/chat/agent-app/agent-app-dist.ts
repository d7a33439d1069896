import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtContentType, builtFileReader, type BuiltFile } from '../../platform/web/index.js';

/**
 * apps/agent-ui/dist/inbox, found from this file: apps/server/src/chat/agent-app under tsx and
 * apps/server/dist/chat/agent-app once built sit at the same depth.
 */
export const DEFAULT_INBOX_DIST_DIR = fileURLToPath(
  new URL('../../../../agent-ui/dist/inbox/', import.meta.url),
);

export type AgentAppFile = BuiltFile;

/** The inbox is not built: the server answers 503 saying how to build it. */
export class AgentAppNotBuiltError extends Error {
  constructor(dir: string) {
    super(
      `The Chat inbox is not built (${path.join(dir, 'index.html')} is missing): run \`npm run build\` (or \`npm run build -w apps/agent-ui\`).`,
    );
  }
}

/** The content type of a built asset by its extension; undefined for types the build never makes. */
export const agentAppContentType = builtContentType;

/** The built inbox (Vite's dist: index.html and assets/). */
export function agentAppDist(dir: string) {
  const files = builtFileReader();
  return {
    dir,
    /** index.html, the page of every client-side route. */
    async index(): Promise<AgentAppFile> {
      const file = await files.read(path.join(dir, 'index.html'));
      if (!file) throw new AgentAppNotBuiltError(dir);
      return file;
    },
    /** A file of dist/assets by its bare name; undefined for anything else. */
    asset: (name: string) => files.named(path.join(dir, 'assets'), name),
  };
}

export type AgentAppDist = ReturnType<typeof agentAppDist>;
