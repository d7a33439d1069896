import { describe, expect, it } from 'vitest';
import { createTranslate, directionOf, formatSize, localTextOf, pickLocale, pickText } from './i18n.js';

describe('i18n', () => {
  it('picks a site’s text for the locale, else English, else none', () => {
    expect(pickText({ en: 'Hi!', ja: 'こんにちは' }, 'ja')).toBe('こんにちは');
    expect(pickText({ en: 'Hi!', ja: '  ' }, 'ja')).toBe('Hi!');
    expect(pickText({ ja: 'こんにちは' }, 'en')).toBeUndefined();
    expect(pickText(' Welcome ', 'ja')).toBe('Welcome');
    expect(pickText(null, 'en')).toBeUndefined();
    expect(localTextOf({ en: ' Hi ', ja: '', de: 'Hallo' })).toEqual({ en: 'Hi' });
    expect(localTextOf({ ja: ' ' })).toBeUndefined();
    expect(localTextOf(42)).toBeUndefined();
  });

  it('takes the page’s locale when it has strings for it, else the browser’s, else English', () => {
    expect(pickLocale('ja-JP', ['en-US'])).toBe('ja');
    expect(pickLocale('fr', ['ja', 'en'])).toBe('ja');
    expect(pickLocale(undefined, ['de-DE', 'EN-gb'])).toBe('en');
    expect(pickLocale('pt-BR', ['ko'])).toBe('en');
  });

  it('is right-to-left for rtl languages, and when the page says so', () => {
    expect(directionOf('ar', undefined)).toBe('rtl');
    expect(directionOf('he-IL', undefined)).toBe('rtl');
    expect(directionOf('ja', undefined)).toBe('ltr');
    expect(directionOf('en', 'rtl')).toBe('rtl');
    expect(directionOf('ar', 'ltr')).toBe('ltr');
  });

  it('translates with placeholders, and lets the page override a string by key', () => {
    const ja = createTranslate('ja');
    expect(ja('send')).toBe('送信');
    expect(ja('typing', { name: '佐藤' })).toBe('佐藤が入力中…');
    const en = createTranslate('en', { title: 'Talk to Acme', send: '  ', close: 42 });
    expect(en('title')).toBe('Talk to Acme');
    expect(en('send')).toBe('Send');
    expect(en('close')).toBe('Close chat');
    expect(en('csatStar', { n: 4 })).toBe('4 out of 5');
    expect(createTranslate('xx')('send')).toBe('Send');
  });

  it('writes sizes for people', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(10 * 1024 * 1024)).toBe('10 MB');
  });
});
