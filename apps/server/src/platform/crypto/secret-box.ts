import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Secrets at rest (e.g. signing secrets the server must read back): AES-256-GCM with a 256-bit
 * key kept in a file beside the data, so a database dump alone does not reveal them.
 * Sealed form: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
export interface SecretBox {
  seal(plaintext: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const VERSION = 'v1';

/**
 * The key in `keyFile` (base64, 32 bytes); created with mode 0600 on first use. Two processes
 * racing to create it agree on one key: the loser of the exclusive create reads the winner's.
 */
export async function loadOrCreateKey(keyFile: string): Promise<Buffer> {
  try {
    return parseKey(await readFile(keyFile, 'utf8'), keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  try {
    await writeFile(keyFile, `${key.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    // The process umask cannot widen 0600, but an explicit chmod makes the mode certain.
    await chmod(keyFile, 0o600);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parseKey(await readFile(keyFile, 'utf8'), keyFile);
  }
}

function parseKey(text: string, keyFile: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${keyFile} does not hold a ${KEY_BYTES}-byte base64 key`);
  return key;
}

/** Encrypts with a fresh random IV; the GCM tag makes any tampering fail on open. */
export function sealWithKey(key: Buffer, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Decrypts a sealed value; throws when it was sealed with another key or altered. */
export function openWithKey(key: Buffer, sealed: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new Error('Not a sealed secret');
  const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, 'base64url')) as [
    Buffer,
    Buffer,
    Buffer,
  ];
  if (iv.length !== IV_BYTES || tag.length !== 16) throw new Error('Not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
}

/** A box whose key lives in `keyFile`, read (or created) on first use and then kept in memory. */
export function secretBoxFromKeyFile(keyFile: string): SecretBox {
  let key: Promise<Buffer> | undefined;
  const getKey = () => {
    key ??= loadOrCreateKey(keyFile).catch((error: unknown) => {
      key = undefined;
      throw error;
    });
    return key;
  };
  return {
    seal: async (plaintext) => sealWithKey(await getKey(), plaintext),
    open: async (sealed) => openWithKey(await getKey(), sealed),
  };
}
