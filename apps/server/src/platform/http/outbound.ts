import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/*
 * Outgoing HTTP to addresses an admin typed in (webhooks, later the helpdesk connector). A URL is
 * an SSRF risk: it can name the machine itself, the cloud metadata service or the office LAN. By
 * default such addresses are refused; the check runs on the addresses DNS actually returned, in
 * the socket's own lookup, so a name that resolves differently at delivery time (DNS rebinding)
 * is caught too.
 */

/** IPv4 ranges that are not the public internet (RFC 6890 and friends), as [base, prefix]. */
const PRIVATE_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, incl. cloud metadata 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

const v4ToInt = (address: string) =>
  address.split('.').reduce((value, octet) => (value << 8) + Number(octet), 0) >>> 0;

function isPrivateV4(address: string) {
  const value = v4ToInt(address);
  return PRIVATE_V4.some(([base, prefix]) => {
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
    return (value & mask) === (v4ToInt(base) & mask);
  });
}

function isPrivateV6(address: string) {
  const lower = address.toLowerCase();
  // IPv4-mapped or -translated forms carry an IPv4 address that decides.
  const mapped = /^(?:::ffff:(?:0:)?|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return isPrivateV4(mapped[1]!);
  if (lower === '::' || lower === '::1') return true;
  const first = parseInt(lower.split(':')[0] || '0', 16);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xff00) === 0xff00 // multicast
  );
}

/** True for loopback, private, link-local, CGNAT, multicast and reserved addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return isPrivateV4(address);
  if (family === 6) return isPrivateV6(address);
  return false;
}

/**
 * Why a URL may not be called, judged from its text alone (an IP literal or `localhost`), or
 * undefined. Names that resolve to private addresses are caught at connect time.
 */
export function privateUrlProblem(url: string): string | undefined {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host))
    return `${host} is a private or loopback address`;
  return undefined;
}

export class OutboundBlockedError extends Error {
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private or loopback address`);
    this.name = 'OutboundBlockedError';
  }
}

/** A `lookup` for http(s).request that refuses private addresses. */
function guardedLookup(): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as dns.LookupAddress[];
      const blocked = list.find((entry) => isPrivateAddress(entry.address));
      if (blocked) return callback(new OutboundBlockedError(hostname, blocked.address), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

export interface OutboundRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  body?: string | Buffer;
  timeoutMs: number;
  /** Let the request reach loopback and private networks (a self-hosted LAN, tests). */
  allowPrivateNetworks: boolean;
  /** Largest response body kept; the rest is read and dropped. Default 1 MiB. */
  maxResponseBytes?: number;
}

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One HTTP(S) request to an admin-supplied URL: no redirects followed, a whole-request timeout,
 * private addresses refused unless allowed (checked on the resolved addresses, and on IP
 * literals, which skip DNS).
 */
export function outboundRequest(request: OutboundRequest): Promise<OutboundResponse> {
  const url = new URL(request.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return Promise.reject(new Error(`Unsupported protocol ${url.protocol}`));
  if (!request.allowPrivateNetworks) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host) && isPrivateAddress(host)) return Promise.reject(new OutboundBlockedError(host, host));
  }
  const maxBytes = request.maxResponseBytes ?? 1 << 20;
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const headers = { ...request.headers };
    if (request.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(request.body));
    const req = transport.request(
      url,
      {
        method: request.method,
        headers,
        ...(request.allowPrivateNetworks ? {} : { lookup: guardedLookup() }),
        signal: AbortSignal.timeout(request.timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on('data', (chunk: Buffer) => {
          if (kept >= maxBytes) return;
          chunks.push(chunk.subarray(0, maxBytes - kept));
          kept += chunk.length;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (error: Error) => {
      if (error.name === 'AbortError')
        return reject(
          Object.assign(new Error(`Timed out after ${request.timeoutMs} ms`), { name: 'TimeoutError' }),
        );
      reject(error);
    });
    req.end(request.body);
  });
}
