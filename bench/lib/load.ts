/**
 * Load generator, run as its own process so it does not share the server's event loop.
 * Input (argv[2], JSON): { url, method, connections, duration, headers, body?, newRequester? }.
 * Output (stdout, JSON): autocannon's figures we report.
 */
import autocannon from 'autocannon';

interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  connections: number;
  duration: number;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
  /** Give every request a new requester email (ticket create with a new contact each time). */
  newRequester?: boolean;
  /** Pick each request's path at random from these (relative to `url`'s origin). */
  paths?: string[];
}

const spec = JSON.parse(process.argv[2]!) as LoadSpec;
let n = 0;
const run = Date.now().toString(36);
const result = await autocannon({
  url: spec.url,
  method: spec.method,
  connections: spec.connections,
  duration: spec.duration,
  headers: spec.headers,
  ...(spec.body && !spec.newRequester ? { body: JSON.stringify(spec.body) } : {}),
  ...(spec.paths
    ? {
        requests: [
          {
            setupRequest: (req: autocannon.Request) => ({
              ...req,
              path: spec.paths![Math.floor(Math.random() * spec.paths!.length)]!,
            }),
          },
        ],
      }
    : {}),
  ...(spec.newRequester
    ? {
        requests: [
          {
            setupRequest: (req: autocannon.Request) => ({
              ...req,
              body: JSON.stringify({ ...spec.body, email: `bench-${run}-${n++}@example.com` }),
            }),
            method: spec.method,
          },
        ],
      }
    : {}),
});
process.stdout.write(
  JSON.stringify({
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    // autocannon reports p90, p97.5 and p99; p97.5 stands in (conservatively) for p95.
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }),
);
