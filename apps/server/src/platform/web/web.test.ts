import { describe, expect, it } from 'vitest';
import { parseCookies, randomToken, serializeCookie, sha256, timingSafeEqualString } from './index.js';

describe('parseCookies', () => {
  it('reads name=value pairs, trimming spaces and decoding values', () => {
    expect(parseCookies('a=1; b = two ;c=%20x%3D')).toEqual({ a: '1', b: 'two', c: ' x=' });
  });

  it('is empty without a header and skips parts without a name or "="', () => {
    expect(parseCookies(undefined)).toEqual({});
    expect(parseCookies('')).toEqual({});
    expect(parseCookies('novalue; =x; ok=1')).toEqual({ ok: '1' });
  });

  it('keeps the first of repeated names, unquotes values and survives bad escapes', () => {
    expect(parseCookies('s=first; s=second')).toEqual({ s: 'first' });
    expect(parseCookies('q="quoted"')).toEqual({ q: 'quoted' });
    expect(parseCookies('bad=%E0%A4%A')).toEqual({ bad: '%E0%A4%A' });
  });
});

describe('serializeCookie', () => {
  it('writes every attribute asked for', () => {
    const cookie = serializeCookie('sid', 'abc', {
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
      path: '/',
      maxAge: 60,
    });
    expect(cookie).toMatch(
      /^sid=abc; Max-Age=60; Expires=[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it('defaults to Path=/ and omits flags not asked for', () => {
    expect(serializeCookie('a', 'b')).toBe('a=b; Path=/');
  });

  it('expires at once with maxAge 0, and round-trips any value through parseCookies', () => {
    expect(serializeCookie('a', '', { maxAge: 0 })).toMatch(/^a=; Max-Age=0; Expires=[^;]+ GMT; Path=\/$/);
    const value = 'x; y=z, "é"';
    const header = serializeCookie('v', value).split(';')[0]!;
    expect(parseCookies(header)).toEqual({ v: value });
  });

  it('refuses names that would break the header', () => {
    expect(() => serializeCookie('bad name', 'x')).toThrow(TypeError);
    expect(() => serializeCookie('a;b', 'x')).toThrow(TypeError);
  });
});

describe('tokens', () => {
  it('randomToken is 43 url-safe characters and never repeats', () => {
    const tokens = new Set(Array.from({ length: 100 }, randomToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('sha256 is the hex digest', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('timingSafeEqualString compares whole strings, whatever their lengths', () => {
    expect(timingSafeEqualString('secret', 'secret')).toBe(true);
    expect(timingSafeEqualString('secret', 'secreT')).toBe(false);
    expect(timingSafeEqualString('secret', 'secret2')).toBe(false);
    expect(timingSafeEqualString('', '')).toBe(true);
    expect(timingSafeEqualString('', 'x')).toBe(false);
  });
});
