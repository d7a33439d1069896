// Builds the widget: the loader (dist/widget.js, one dependency-free IIFE) and the iframe app
// (dist/frame/*.js|css with content hashes, listed in dist/manifest.json for the Chat server).
// `node build.mjs [outDir]`: outDir defaults to dist/ (the size-budget test builds elsewhere).
import { build } from 'esbuild';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] ?? path.join(here, 'dist'));
// Built next to the target and swapped in at the end, so a server reading dist/ meanwhile sees
// the old build or the new one, for no more than a moment neither.
const staging = `${out}.tmp-${process.pid}`;
await fs.rm(staging, { recursive: true, force: true });

const common = {
  bundle: true,
  minify: true,
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  legalComments: 'none',
  logLevel: 'warning',
  // The protocol package is TypeScript source (no build step needed here).
  alias: { '@tandem/protocol': path.join(here, '../../packages/protocol/src/index.ts') },
};

await build({
  ...common,
  entryPoints: [path.join(here, 'src/loader/index.ts')],
  outfile: path.join(staging, 'widget.js'),
  format: 'iife',
});

const frame = await build({
  ...common,
  entryPoints: { frame: path.join(here, 'src/frame/main.tsx') },
  outdir: path.join(staging, 'frame'),
  entryNames: '[name].[hash]',
  format: 'esm',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  metafile: true,
});

const outputs = frame.metafile.outputs;
const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint && file.endsWith('.js'));
const manifest = {
  script: path.basename(entry),
  style: outputs[entry].cssBundle ? path.basename(outputs[entry].cssBundle) : null,
  // Chunks the entry imports statically (if code splitting is ever on): needed for first paint.
  chunks: outputs[entry].imports
    .filter((i) => i.kind === 'import-statement')
    .map((i) => path.basename(i.path)),
};
await fs.writeFile(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));

await fs.rm(out, { recursive: true, force: true });
await fs.rename(staging, out);
console.log(`widget built in ${path.relative(process.cwd(), out) || '.'}: ${JSON.stringify(manifest)}`);
