import { describe, expect, it } from 'vitest';
import { acceptPageMessage, readyTarget } from './bridge.js';

const parent = { name: 'parent window' };
const other = { name: 'another window' };
const init = (pageOrigin: string) => ({
  tandem: 'widget',
  v: 1,
  type: 'init',
  payload: { options: { token: 't' }, pageOrigin, pageUrl: `${pageOrigin}/x` },
});

describe('page messages', () => {
  it('takes init only from the parent, at the origin it claims', () => {
    const message = init('https://shop.example');
    expect(
      acceptPageMessage({ data: message, origin: 'https://shop.example', source: parent }, parent, undefined),
    ).toBe(message);
    // Another window, a lie about the origin, an opaque origin.
    expect(
      acceptPageMessage({ data: message, origin: 'https://shop.example', source: other }, parent, undefined),
    ).toBe(undefined);
    expect(
      acceptPageMessage({ data: message, origin: 'https://evil.example', source: parent }, parent, undefined),
    ).toBe(undefined);
    expect(acceptPageMessage({ data: init('null'), origin: 'null', source: parent }, parent, undefined)).toBe(
      undefined,
    );
  });

  it('ignores other scripts’ messages, other versions, and anything before init', () => {
    const open = { tandem: 'widget', v: 1, type: 'open', payload: {} };
    const at = (data: unknown) => ({ data, origin: 'https://shop.example', source: parent });
    expect(acceptPageMessage(at(open), parent, undefined)).toBeUndefined();
    expect(acceptPageMessage(at({ ...open, v: 2 }), parent, 'https://shop.example')).toBeUndefined();
    expect(acceptPageMessage(at('hello'), parent, 'https://shop.example')).toBeUndefined();
    expect(acceptPageMessage(at({ type: 'open' }), parent, 'https://shop.example')).toBeUndefined();
    expect(acceptPageMessage(at(open), parent, 'https://shop.example')).toBe(open);
    // After init, only from that origin.
    expect(
      acceptPageMessage({ ...at(open), origin: 'https://evil.example' }, parent, 'https://shop.example'),
    ).toBe(undefined);
  });

  it('posts ready to the embedding origin the browser reports, else the claimed one', () => {
    expect(readyTarget(['https://shop.example'], 'https://else.example/page')).toBe('https://shop.example');
    expect(readyTarget(undefined, 'https://shop.example/cart?x=1')).toBe('https://shop.example');
    expect(readyTarget([], '', 'https://shop.example')).toBe('https://shop.example');
    expect(readyTarget(['null'], 'not a url', 'nonsense')).toBeUndefined();
  });
});
