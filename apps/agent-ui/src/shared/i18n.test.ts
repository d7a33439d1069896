import { describe, expect, it } from 'vitest';
import { detectLanguage, LANGUAGES, MESSAGE_KEYS, translate } from './i18n.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the agent UI catalogue', () => {
  it('has every text in English and Japanese, with the same placeholders', () => {
    for (const key of MESSAGE_KEYS) {
      const en = translate('en', key);
      for (const language of LANGUAGES) {
        const text = translate(language, key);
        expect(text.trim(), `${language} ${key}`).not.toBe('');
        expect(placeholders(text), `${language} ${key}`).toEqual(placeholders(en));
      }
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'inbox.signedInAs', { name: 'Mia' })).toBe('Signed in as Mia');
    expect(translate('ja', 'inbox.signedInAs', { name: 'Mia' })).toBe('Mia としてサインイン中');
    expect(translate('en', 'inbox.signedInAs')).toBe('Signed in as {name}');
  });

  it("takes the agent's choice, else the browser's first language", () => {
    expect(detectLanguage('ja', ['en-US'])).toBe('ja');
    expect(detectLanguage(null, ['ja-JP', 'en'])).toBe('ja');
    expect(detectLanguage(null, ['en-GB', 'ja'])).toBe('en');
    expect(detectLanguage('fr', [])).toBe('en');
  });
});
