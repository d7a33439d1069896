import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateKey, openWithKey, sealWithKey, secretBoxFromKeyFile } from './secret-box.js';

describe('secret box', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'secret-box-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('seals and opens; every seal uses a fresh IV and never shows the plaintext', () => {
    const key = randomBytes(32);
    const a = sealWithKey(key, 'top secret');
    const b = sealWithKey(key, 'top secret');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain('top secret');
    expect(openWithKey(key, a)).toBe('top secret');
    expect(openWithKey(key, b)).toBe('top secret');
    expect(openWithKey(key, sealWithKey(key, ''))).toBe('');
  });

  it('refuses another key, a tampered ciphertext and malformed input', () => {
    const key = randomBytes(32);
    const sealed = sealWithKey(key, 'hello world');
    expect(() => openWithKey(randomBytes(32), sealed)).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => openWithKey(key, parts.join('.'))).toThrow();
    expect(() => openWithKey(key, 'plain text')).toThrow('Not a sealed secret');
    expect(() => openWithKey(key, 'v2.a.b.c')).toThrow('Not a sealed secret');
  });

  it('creates the key file on first use with mode 0600 and reuses it afterwards', async () => {
    const keyFile = path.join(await tempDir(), 'nested', 'secret.key');
    const key = await loadOrCreateKey(keyFile);
    expect(key).toHaveLength(32);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(keyFile, 'utf8')).trim(), 'base64').equals(key)).toBe(true);
    expect((await loadOrCreateKey(keyFile)).equals(key)).toBe(true);
  });

  it('concurrent first uses agree on one key', async () => {
    const keyFile = path.join(await tempDir(), 'secret.key');
    const keys = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateKey(keyFile)));
    for (const k of keys) expect(k.equals(keys[0]!)).toBe(true);
  });

  it('a box from a key file opens what another box on the same file sealed', async () => {
    const keyFile = path.join(await tempDir(), 'secret.key');
    const sealed = await secretBoxFromKeyFile(keyFile).seal('shared');
    expect(await secretBoxFromKeyFile(keyFile).open(sealed)).toBe('shared');
    const otherFile = path.join(await tempDir(), 'secret.key');
    await expect(secretBoxFromKeyFile(otherFile).open(sealed)).rejects.toThrow();
  });

  it('rejects a key file that does not hold a 32-byte key', async () => {
    const dir = await tempDir();
    const keyFile = path.join(dir, 'secret.key');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(keyFile, 'short');
    await expect(loadOrCreateKey(keyFile)).rejects.toThrow('32-byte');
  });
});
