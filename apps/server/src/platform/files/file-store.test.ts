import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileStore } from './file-store.js';

describe('file store', () => {
  const root = path.join(os.tmpdir(), `tandem-files-${process.pid}-${Date.now()}`);
  const store = createFileStore(root);
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it('saves, reads back and removes a blob', async () => {
    const key = await store.save(Buffer.from('hello'));
    expect(key).toMatch(/^[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await store.open(key)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hello');
    await store.remove([key]);
    await expect(store.open(key)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(store.remove([key])).resolves.toBeUndefined();
  });

  it('refuses keys that could escape the root', async () => {
    await expect(store.open('../../etc/passwd')).rejects.toThrow(/invalid file key/);
    await expect(store.remove(['ab/../../x'])).rejects.toThrow(/invalid file key/);
  });
});
