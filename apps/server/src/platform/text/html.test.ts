import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeRichText } from './html.js';

describe('sanitizeRichText', () => {
  it('removes scripts, event handlers and javascript: URLs', () => {
    const out = sanitizeRichText(
      '<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:alert(1)">x</a></p>',
    );
    expect(out).not.toMatch(/script|onclick|javascript:/i);
    expect(out).toContain('<p>Hi');
  });

  it('keeps ordinary formatting faithful', () => {
    const html =
      '<p><strong>Bold</strong> <em>it</em> <a href="https://example.com">link</a></p><ul><li>one</li></ul>';
    expect(sanitizeRichText(html)).toBe(html);
  });
});

describe('htmlToText', () => {
  it('turns block elements into lines and decodes entities', () => {
    expect(htmlToText('<div>Hello &amp; welcome</div><p>Line&nbsp;two<br>three</p>')).toBe(
      'Hello & welcome\nLine two\nthree',
    );
  });

  it('keeps Japanese text and drops script content', () => {
    expect(htmlToText('<p>チャットをチケットに変換する</p><script>x()</script>')).toBe(
      'チャットをチケットに変換する',
    );
  });
});
