import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Two apps from one source tree, built separately so each has its own base path:
 * `--mode inbox` → dist/inbox, served by Chat at /inbox/ (the Chat inbox and admin);
 * `--mode desk`  → dist/desk,  served by Desk at /a/   (the Desk agent UI with the chat panel).
 * Shared components live in src/shared; each build's manifest lists its files.
 */
export default defineConfig(({ mode }) => {
  const app = mode === 'desk' ? 'desk' : 'inbox';
  return {
    root: `src/${app}`,
    base: app === 'desk' ? '/a/' : '/inbox/',
    plugins: [react()],
    build: {
      outDir: `../../dist/${app}`,
      emptyOutDir: true,
      manifest: 'manifest.json',
      sourcemap: false,
    },
  };
});
