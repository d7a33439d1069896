/**
 * The server children's side of the IPC channel: memory after GC (needs --expose-gc), CPU time
 * and event-loop delay between two calls, an optional CPU profile, and whatever extra commands
 * the server adds (the Chat server counts stored messages).
 */
import fs from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MemorySample, ServerCommand, ServerReady, ServerStats } from './fixtures.js';

type Extra = Partial<Record<ServerCommand['cmd'], (command: ServerCommand) => Promise<unknown>>>;

const send = (message: unknown) =>
  new Promise<void>((resolve, reject) =>
    process.send!(message, undefined, {}, (error) => (error ? reject(error) : resolve())),
  );

export async function memoryAfterGc(): Promise<MemorySample> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('start the server with --expose-gc');
  // Twice, with a turn of the loop between: weak callbacks and finalizers free more on the second.
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
  const { heapUsed, external, rss } = process.memoryUsage();
  return { heapUsed, external, rss };
}

/** Answers the driver's commands; `close` runs `shutdown` and exits. */
export function serveProbe(ready: ServerReady, shutdown: () => Promise<void>, extra: Extra = {}) {
  if (!process.send) throw new Error('run me as a child process with an IPC channel');
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let cpu = process.cpuUsage();
  let wall = performance.now();
  let session: Session | undefined;

  const handlers: Record<ServerCommand['cmd'], (command: ServerCommand) => Promise<unknown>> = {
    memory: () => memoryAfterGc(),
    stats: async (): Promise<ServerStats> => {
      const used = process.cpuUsage(cpu);
      const now = performance.now();
      const stats = {
        cpuUserUs: used.user,
        cpuSystemUs: used.system,
        wallMs: now - wall,
        loopDelayP50Ms: loop.percentile(50) / 1e6,
        loopDelayP99Ms: loop.percentile(99) / 1e6,
        loopDelayMaxMs: loop.max / 1e6,
      };
      cpu = process.cpuUsage();
      wall = now;
      loop.reset();
      return stats;
    },
    count: async () => {
      throw new Error('count is not supported here');
    },
    queries: async () => ({}),
    'profile-start': async () => {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 1000 });
      await session.post('Profiler.start');
    },
    'profile-stop': async (command) => {
      if (!session) throw new Error('no profile running');
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = undefined;
      await fs.writeFile((command as { file: string }).file, JSON.stringify(profile));
    },
    close: async () => {
      await shutdown();
      setImmediate(() => process.exit(0));
    },
  };
  for (const [name, handler] of Object.entries(extra)) handlers[name as ServerCommand['cmd']] = handler;

  process.on('message', (raw: { id: number } & ServerCommand) => {
    handlers[raw.cmd](raw).then(
      (result) => send({ id: raw.id, ok: true, result }),
      (error: unknown) => send({ id: raw.id, ok: false, error: String((error as Error)?.stack ?? error) }),
    );
  });
  // The driver going away (killed, crashed) must not leave a server behind.
  process.on('disconnect', () => process.exit(0));
  void send({ ready });
}
