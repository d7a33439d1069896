import { describe, expect, it } from 'vitest';
import { parseRoute } from '../routes.js';
import { deskOriginOf } from './desk-bridge.js';
import { previewOf } from './preview.js';

describe("the chat panel's route", () => {
  it('is /inbox/panel, apart from the views and conversations', () => {
    expect(parseRoute('/inbox/panel')).toEqual({ name: 'panel' });
    expect(parseRoute('/inbox/panel/')).toEqual({ name: 'panel' });
    expect(parseRoute('/inbox/mine')).toMatchObject({ name: 'inbox', view: 'mine' });
    expect(parseRoute('/inbox/panelx')).toMatchObject({ name: 'inbox' });
  });
});

describe("Desk's origin as the panel trusts it", () => {
  const desk = 'https://desk.example.com';
  it('is the ?origin= of a framed panel', () => {
    expect(deskOriginOf(`?origin=${encodeURIComponent(desk)}`, true)).toBe(desk);
    expect(deskOriginOf(`?origin=${encodeURIComponent(desk)}`, true, [desk])).toBe(desk);
    expect(deskOriginOf('?origin=http%3A%2F%2F127.0.0.1%3A3000', true)).toBe('http://127.0.0.1:3000');
  });
  it.each([
    ['not framed', `?origin=${encodeURIComponent(desk)}`, false, undefined],
    ['no origin', '', true, undefined],
    ['a path', `?origin=${encodeURIComponent(`${desk}/a`)}`, true, undefined],
    ['a wildcard', '?origin=*', true, undefined],
    ['another scheme', '?origin=javascript%3Aalert(1)', true, undefined],
    ['a different framing origin', `?origin=${encodeURIComponent(desk)}`, true, ['https://evil.example']],
  ])('is none when %s', (_name, search, framed, ancestors) => {
    expect(deskOriginOf(search, framed, ancestors)).toBeNull();
  });
});

describe("a notification's preview", () => {
  it('joins the text parts and shortens long ones', () => {
    expect(
      previewOf({
        message_parts: [
          { text: { content: 'Hello\n there' } },
          { image: { url: 'x' } },
          { text: { content: 'ok' } },
        ],
      }),
    ).toBe('Hello there ok');
    expect(previewOf({ message_parts: [{ text: { content: 'a'.repeat(300) } }] })).toHaveLength(140);
    expect(previewOf(undefined)).toBe('');
  });
});
