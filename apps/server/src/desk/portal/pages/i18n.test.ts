import { describe, expect, it } from 'vitest';
import { pickLanguage, translator } from './i18n.js';
import { safeNext } from './page-context.js';
import { parseFormBody } from './request-input.js';

describe('pickLanguage', () => {
  it('takes the lang cookie first, when supported', () => {
    expect(pickLanguage('ja', 'en')).toBe('ja');
    expect(pickLanguage('en', 'ja')).toBe('en');
    expect(pickLanguage('fr', 'ja')).toBe('ja');
  });

  it('else the supported language Accept-Language prefers most', () => {
    expect(pickLanguage(undefined, 'ja-JP,ja;q=0.9,en-US;q=0.8')).toBe('ja');
    expect(pickLanguage(undefined, 'fr-FR, ja;q=0.4, en;q=0.6')).toBe('en');
    expect(pickLanguage(undefined, 'en;q=0.2, JA;q=0.3')).toBe('ja');
    expect(pickLanguage(undefined, 'ja;q=0')).toBe('en');
    expect(pickLanguage(undefined, 'de, fr')).toBe('en');
    expect(pickLanguage(undefined, undefined)).toBe('en');
  });
});

describe('translator', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(translator('en')('articlesCountOther', { count: 3 })).toBe('3 articles');
    expect(translator('ja')('articlesCountOther', { count: 3 })).toBe('記事 3 件');
    expect(translator('en')('searchResultsFor')).toBe('Results for “{term}”');
  });
});

describe('safeNext', () => {
  it('allows only local /support paths', () => {
    expect(safeNext('/support/tickets/3?x=1', '/f')).toBe('/support/tickets/3?x=1');
    expect(safeNext('/support', '/f')).toBe('/support');
    for (const bad of [
      'https://evil.test',
      '//evil.test',
      '/supportx',
      '/support\\..',
      '/api/v2/x',
      5,
      undefined,
    ])
      expect(safeNext(bad, '/f')).toBe('/f');
  });
});

describe('parseFormBody', () => {
  it('decodes fields and keeps repeated ones', () => {
    const form = parseFormBody('a=1&b=x+y%26z&a=2&custom_fields.cf_x=%E6%97%A5');
    expect({ ...form }).toEqual({ a: ['1', '2'], b: 'x y&z', 'custom_fields.cf_x': '日' });
  });
});
