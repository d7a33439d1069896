import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress, outboundRequest, privateUrlProblem } from './outbound.js';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
  ])('%s is private', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each([
    '8.8.8.8',
    '172.32.0.1',
    '172.15.255.255',
    '192.169.0.1',
    '100.128.0.1',
    '2001:4860::8888',
    '::ffff:8.8.8.8',
  ])('%s is public', (address) => expect(isPrivateAddress(address)).toBe(false));
});

describe('privateUrlProblem', () => {
  it('names loopback, private literals and localhost', () => {
    expect(privateUrlProblem('http://127.0.0.1:9/hook')).toMatch(/127\.0\.0\.1/);
    expect(privateUrlProblem('http://[::1]/hook')).toMatch(/::1/);
    expect(privateUrlProblem('http://LOCALHOST/hook')).toMatch(/localhost/);
    expect(privateUrlProblem('http://api.localhost/hook')).toMatch(/localhost/);
    expect(privateUrlProblem('https://hooks.example.com/x')).toBeUndefined();
  });
});

describe('outboundRequest', () => {
  let server: http.Server;
  let port: number;
  const seen: { headers: http.IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        if (req.url === '/redirect') {
          res.writeHead(302, { location: '/elsewhere' }).end();
        } else if (req.url === '/slow') {
          setTimeout(() => res.end('late'), 2000);
        } else {
          res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(5000));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const base = { method: 'POST' as const, headers: {}, timeoutMs: 1000 };

  it('refuses an IP literal on a private network without connecting', async () => {
    const before = seen.length;
    await expect(
      outboundRequest({ ...base, url: `http://127.0.0.1:${port}/`, allowPrivateNetworks: false }),
    ).rejects.toThrow(/private or loopback/);
    expect(seen.length).toBe(before);
  });

  it('refuses a name that resolves to loopback (checked on the resolved address)', async () => {
    const before = seen.length;
    await expect(
      outboundRequest({ ...base, url: `http://localhost:${port}/`, allowPrivateNetworks: false }),
    ).rejects.toThrow(/localhost resolves to (127\.0\.0\.1|::1)/);
    expect(seen.length).toBe(before);
  });

  it('reaches a private address when allowed, with Content-Length and a capped body', async () => {
    const response = await outboundRequest({
      ...base,
      url: `http://localhost:${port}/ok`,
      body: '{"a":"é"}',
      allowPrivateNetworks: true,
      maxResponseBytes: 100,
    });
    expect(response.status).toBe(200);
    expect(response.body.length).toBe(100);
    const last = seen[seen.length - 1]!;
    expect(last.body).toBe('{"a":"é"}');
    expect(last.headers['content-length']).toBe(String(Buffer.byteLength('{"a":"é"}')));
  });

  it('does not follow redirects', async () => {
    const before = seen.length;
    const response = await outboundRequest({
      ...base,
      url: `http://127.0.0.1:${port}/redirect`,
      allowPrivateNetworks: true,
    });
    expect(response.status).toBe(302);
    expect(seen.length).toBe(before + 1);
  });

  it('times out as a TimeoutError', async () => {
    await expect(
      outboundRequest({
        ...base,
        url: `http://127.0.0.1:${port}/slow`,
        timeoutMs: 200,
        allowPrivateNetworks: true,
      }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});
