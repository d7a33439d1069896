import { createHmac } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { createAgentToken, signJwt } from './test-support.js';
import { verifyExternalId } from './index.js';

const hmac = (secret: string, id: string) => createHmac('sha256', secret).update(id).digest('hex');

describe.each(TEST_DATABASE_KINDS)('Chat identity verification (%s)', (kind) => {
  let chat: TestChat;
  let agentToken: string;
  let secret: string;
  beforeAll(async () => {
    chat = await startTestChat(kind, { rateLimitPerMinute: 10_000 });
    agentToken = await createAgentToken(chat);
  });
  afterAll(async () => chat?.close());

  it('is off by default; external ids are then taken as given', async () => {
    const res = await chat.call('GET', '/v2/accounts/identity_verification');
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ enabled: false, secret_set: false });
    expect(await verifyExternalId(chat.services, { externalId: 'anyone' })).toEqual({
      ok: true,
      verified: false,
      externalId: 'anyone',
    });
  });

  it('cannot be turned on before a secret exists (400)', async () => {
    const res = await chat.call('PUT', '/v2/accounts/identity_verification', { body: { enabled: true } });
    expect(res.statusCode).toBe(400);
    expect(res.data.details).toEqual([
      expect.objectContaining({ field: 'enabled', code: 'inconsistent_state' }),
    ]);
    const bad = await chat.call('PUT', '/v2/accounts/identity_verification', { body: { enabled: 'yes' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.details).toEqual([
      expect.objectContaining({ field: 'enabled', code: 'datatype_mismatch' }),
    ]);
    const missing = await chat.call('PUT', '/v2/accounts/identity_verification', { body: {} });
    expect(missing.data.details).toEqual([
      expect.objectContaining({ field: 'enabled', code: 'missing_field' }),
    ]);
  });

  it('a generated secret is shown once and stored sealed with a 0600 key file in the data dir', async () => {
    const res = await chat.call('POST', '/v2/accounts/identity_verification/secret');
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      secret: expect.stringMatching(/^[\w-]{43}$/),
      algorithm: 'HMAC-SHA256',
    });
    secret = res.data.secret;
    const account = await chat.services.db
      .selectFrom('accounts')
      .select('identity_secret_encrypted')
      .executeTakeFirstOrThrow();
    expect(account.identity_secret_encrypted).toMatch(/^v1\./);
    expect(account.identity_secret_encrypted).not.toContain(secret);
    const keyFile = path.join(chat.services.config.dataDir, 'secret.key');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(keyFile, 'utf8')).not.toContain(secret);

    const status = await chat.call('GET', '/v2/accounts/identity_verification');
    expect(status.data).toEqual({ enabled: false, secret_set: true });
    expect(JSON.stringify(status.data)).not.toContain(secret);
    const on = await chat.call('PUT', '/v2/accounts/identity_verification', { body: { enabled: true } });
    expect(on.statusCode).toBe(200);
    expect(on.data).toEqual({ enabled: true, secret_set: true });
  });

  it('when on: good HMAC and JWT pass; missing, wrong and expired signatures are refused', async () => {
    const verify = (input: Parameters<typeof verifyExternalId>[1]) => verifyExternalId(chat.services, input);
    expect(await verify({ externalId: 'user-1', signature: hmac(secret, 'user-1') })).toEqual({
      ok: true,
      verified: true,
      externalId: 'user-1',
    });
    expect(await verify({ externalId: 'user-1' })).toMatchObject({ ok: false, error: 'signature_required' });
    expect(await verify({ externalId: 'user-2', signature: hmac(secret, 'user-1') })).toMatchObject({
      ok: false,
      error: 'invalid_signature',
    });
    expect(await verify({ externalId: 'user-1', signature: hmac('guess', 'user-1') })).toMatchObject({
      ok: false,
      error: 'invalid_signature',
    });

    const exp = Math.floor(Date.now() / 1000) + 300;
    expect(await verify({ jwt: signJwt(secret, { sub: 'user-3', exp }) })).toEqual({
      ok: true,
      verified: true,
      externalId: 'user-3',
    });
    expect(
      await verify({ externalId: 'user-3', jwt: signJwt(secret, { sub: 'user-3', exp }) }),
    ).toMatchObject({
      ok: true,
      externalId: 'user-3',
    });
    expect(
      await verify({ externalId: 'user-4', jwt: signJwt(secret, { sub: 'user-3', exp }) }),
    ).toMatchObject({
      ok: false,
      error: 'invalid_signature',
    });
    expect(await verify({ jwt: signJwt(secret, { sub: 'user-3', exp: exp - 600 }) })).toMatchObject({
      ok: false,
      error: 'token_expired',
      message: expect.any(String),
    });
    expect(await verify({ jwt: signJwt('guess', { sub: 'user-3', exp }) })).toMatchObject({
      ok: false,
      error: 'invalid_signature',
    });
    // Anonymous visitors carry no external id: nothing to verify.
    expect(await verify({})).toEqual({ ok: true, verified: false, externalId: undefined });
  });

  it('rotating the secret invalidates signatures made with the old one', async () => {
    const old = secret;
    const res = await chat.call('POST', '/v2/accounts/identity_verification/secret');
    secret = res.data.secret;
    expect(secret).not.toBe(old);
    expect(
      await verifyExternalId(chat.services, { externalId: 'u', signature: hmac(old, 'u') }),
    ).toMatchObject({
      ok: false,
      error: 'invalid_signature',
    });
    expect(
      await verifyExternalId(chat.services, { externalId: 'u', signature: hmac(secret, 'u') }),
    ).toMatchObject({
      ok: true,
      verified: true,
    });
  });

  it('turning it off takes ids as given again', async () => {
    const off = await chat.call('PUT', '/v2/accounts/identity_verification', { body: { enabled: false } });
    expect(off.data).toEqual({ enabled: false, secret_set: true });
    expect(await verifyExternalId(chat.services, { externalId: 'u' })).toEqual({
      ok: true,
      verified: false,
      externalId: 'u',
    });
  });

  it('403 for non-admin tokens, 401 without a token', async () => {
    for (const [method, url, body] of [
      ['GET', '/v2/accounts/identity_verification', undefined],
      ['PUT', '/v2/accounts/identity_verification', { enabled: false }],
      ['POST', '/v2/accounts/identity_verification/secret', undefined],
    ] as const) {
      const denied = await chat.call(method, url, { token: agentToken, body });
      expect(denied.statusCode).toBe(403);
      expect(denied.data).toMatchObject({ code: 403, status: 'FORBIDDEN' });
      expect((await chat.call(method, url, { token: null, body })).statusCode).toBe(401);
    }
  });
});
