/** The driver's handle on a server child: started with --expose-gc, talked to over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import type { MemorySample, ServerCommand, ServerReady, ServerStats } from './fixtures.js';

export interface ServerChild {
  ready: ServerReady;
  pid: number;
  memory(): Promise<MemorySample>;
  stats(): Promise<ServerStats>;
  /** Messages stored with created_at in [from, to) (epoch ms). */
  count(from: number, to: number): Promise<number>;
  /** SQL statements run since the previous call, by kind (the Chat server only). */
  queries(): Promise<Record<string, number>>;
  profileStart(): Promise<void>;
  profileStop(file: string): Promise<void>;
  close(): Promise<void>;
}

export async function startServerChild(script: string, env: Record<string, string>): Promise<ServerChild> {
  const child: ChildProcess = fork(script, [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited = false;
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    child.on(
      'message',
      (raw: { ready?: ServerReady; id?: number; ok?: boolean; result?: unknown; error?: string }) => {
        if (raw.ready) return resolve(raw.ready);
        const waiter = pending.get(raw.id!);
        if (!waiter) return;
        pending.delete(raw.id!);
        if (raw.ok) waiter.resolve(raw.result);
        else waiter.reject(new Error(raw.error));
      },
    );
    child.once('exit', (code, signal) => {
      exited = true;
      const error = new Error(`server ${script} exited (${code ?? signal})`);
      reject(error);
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
  });

  const request = <T>(command: ServerCommand) =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(new Error('server has exited'));
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, ...command });
    });

  return {
    ready,
    pid: child.pid!,
    memory: () => request<MemorySample>({ cmd: 'memory' }),
    stats: () => request<ServerStats>({ cmd: 'stats' }),
    count: (from, to) => request<number>({ cmd: 'count', from, to }),
    queries: () => request<Record<string, number>>({ cmd: 'queries' }),
    profileStart: () => request<void>({ cmd: 'profile-start' }),
    profileStop: (file) => request<void>({ cmd: 'profile-stop', file }),
    async close() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      await request({ cmd: 'close' }).catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
