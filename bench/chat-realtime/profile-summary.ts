/**
 * Where a server's CPU time went, from a V8 .cpuprofile: self time by area (a package under
 * node_modules, a file of ours, node internals, GC, idle) and the hottest functions.
 *   node --import tsx bench/chat-realtime/profile-summary.ts <file.cpuprofile>
 */
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const ours = /\/(apps\/server\/src\/.*|bench\/.*)$/.exec(url);
  return ours ? ours[1]! : url;
}

/** Self time per area and per function, as shares of the profiled wall time. */
export function summarizeProfile(profile: Profile, top = 15): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id)!;
    const area = areaOf(callFrame.url, callFrame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const fn = `${callFrame.functionName || '(anonymous)'} ${area}:${callFrame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)}%`.padStart(6);
  const list = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => `  ${pct(us)}  ${name}`)
      .join('\n');
  return `profiled ${(total / 1e6).toFixed(1)} s\nself time by area:\n${list(areas)}\nhottest functions:\n${list(functions)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const profile = JSON.parse(await fs.readFile(process.argv[2]!, 'utf8')) as Profile;
  process.stdout.write(`${summarizeProfile(profile, Number(process.argv[3] ?? 15))}\n`);
}
