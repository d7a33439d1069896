import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signJwt } from './test-support.js';
import { signExternalId, verifyHmacSignature, verifyHs256Jwt } from './verify-external-id.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('external id signatures', () => {
  const secret = 's3cret-value';
  const now = new Date('2026-11-24T10:00:00Z');
  const nowSeconds = now.getTime() / 1000;

  it('HMAC-SHA256: the hex HMAC of the id passes (any hex case); others fail', () => {
    const good = createHmac('sha256', secret).update('user-42').digest('hex');
    expect(signExternalId(secret, 'user-42')).toBe(good);
    expect(verifyHmacSignature(secret, 'user-42', good)).toBe(true);
    expect(verifyHmacSignature(secret, 'user-42', good.toUpperCase())).toBe(true);
    expect(verifyHmacSignature(secret, 'user-43', good)).toBe(false);
    expect(verifyHmacSignature('other', 'user-42', good)).toBe(false);
    expect(verifyHmacSignature(secret, 'user-42', good.slice(0, 10))).toBe(false);
    expect(verifyHmacSignature(secret, 'user-42', '')).toBe(false);
  });

  it('HS256 JWT: a valid token gives its sub; exp and nbf are respected', () => {
    expect(verifyHs256Jwt(secret, signJwt(secret, { sub: 'user-42', exp: nowSeconds + 60 }), now)).toEqual({
      ok: true,
      sub: 'user-42',
    });
    expect(verifyHs256Jwt(secret, signJwt(secret, { sub: 'user-42' }), now)).toEqual({
      ok: true,
      sub: 'user-42',
    });
    expect(verifyHs256Jwt(secret, signJwt(secret, { sub: 'user-42', exp: nowSeconds - 1 }), now)).toEqual({
      ok: false,
      error: 'token_expired',
    });
    expect(verifyHs256Jwt(secret, signJwt(secret, { sub: 'user-42', exp: 'later' }), now)).toEqual({
      ok: false,
      error: 'token_expired',
    });
    expect(
      verifyHs256Jwt(secret, signJwt(secret, { sub: 'user-42', nbf: nowSeconds + 60 }), now),
    ).toMatchObject({
      ok: false,
      error: 'invalid_signature',
    });
  });

  it('HS256 JWT: wrong secret, alg none or RS256, tampered payload, missing sub and junk are refused', () => {
    const invalid = { ok: false, error: 'invalid_signature' };
    expect(verifyHs256Jwt(secret, signJwt('other', { sub: 'user-42' }), now)).toEqual(invalid);
    expect(verifyHs256Jwt(secret, signJwt(secret, { sub: 'user-42' }, { alg: 'none' }), now)).toEqual(
      invalid,
    );
    expect(verifyHs256Jwt(secret, signJwt(secret, { sub: 'user-42' }, { alg: 'RS256' }), now)).toEqual(
      invalid,
    );
    const [head, , sig] = signJwt(secret, { sub: 'user-42' }).split('.');
    expect(verifyHs256Jwt(secret, `${head}.${b64({ sub: 'admin' })}.${sig}`, now)).toEqual(invalid);
    expect(verifyHs256Jwt(secret, `${head}.${b64({ sub: 'user-42' })}.`, now)).toEqual(invalid);
    expect(verifyHs256Jwt(secret, signJwt(secret, { name: 'no sub' }), now)).toEqual(invalid);
    expect(verifyHs256Jwt(secret, signJwt(secret, { sub: 42 }), now)).toEqual(invalid);
    expect(verifyHs256Jwt(secret, 'not.a.jwt', now)).toEqual(invalid);
    expect(verifyHs256Jwt(secret, 'garbage', now)).toEqual(invalid);
  });
});
