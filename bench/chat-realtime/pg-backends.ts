/**
 * CPU used by the PostgreSQL backends serving one database (the Chat server's pool), read from
 * /proc: the server runs on this machine. Undefined where /proc or the server is not reachable.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import pg from 'pg';

let ticksPerSecond: number | undefined;
const clockTicks = () => {
  try {
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    ticksPerSecond = 100;
  }
  return ticksPerSecond;
};

/** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
async function cpuTicks(pid: number): Promise<number | undefined> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

async function sample(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1',
      [database],
    );
    const ticks = new Map<number, number>();
    for (const { pid } of rows) {
      const t = await cpuTicks(pid);
      if (t !== undefined) ticks.set(pid, t);
    }
    return ticks;
  } finally {
    await client.end();
  }
}

/** Starts a window; the function it returns gives the backends' CPU share (1 = one core) since. */
export async function startBackendMeter(adminUrl: string, database: string) {
  const before = await sample(adminUrl, database).catch(() => undefined);
  const started = performance.now();
  return async (): Promise<number | undefined> => {
    const after = await sample(adminUrl, database).catch(() => undefined);
    if (!before || !after || !before.size) return undefined;
    let ticks = 0;
    for (const [pid, t] of after) {
      const t0 = before.get(pid);
      if (t0 !== undefined) ticks += t - t0;
    }
    return ticks / clockTicks() / ((performance.now() - started) / 1000);
  };
}
