import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

export interface Figures {
  rps: number;
  total: number;
  p50: number;
  p97_5: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** Runs autocannon in its own process (see load.ts) so it does not share the server's event loop. */
export async function load(spec: Record<string, unknown>): Promise<Figures> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'load.ts'), JSON.stringify(spec)],
    {
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(stdout) as Figures;
}

export const today = () => new Date().toISOString().slice(0, 10);

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export const failures = (f: Figures) => f.non2xx + f.errors + f.timeouts;

/** Prints a section and appends it to bench/RESULTS.md (unless BENCH_RECORD=0). */
export async function record(title: string, body: string) {
  process.stdout.write(`\n${body}\n`);
  if (process.env.BENCH_RECORD === '0') return;
  const file = path.join(here, '..', 'RESULTS.md');
  const existing = await fs.readFile(file, 'utf8').catch(() => '# Benchmark results\n');
  await fs.writeFile(file, `${existing.trimEnd()}\n\n## ${title}, ${today()}\n\n${body}\n`);
}
