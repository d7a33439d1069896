import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeRichText } from '../../platform/text/html.js';

// What the agent UI's editor sends for replies and notes must survive Desk's sanitizer intact,
// and anything scripted must not.
describe('reply/note HTML from the agent editor', () => {
  it('keeps bold, italic, links, lists and code', () => {
    const html =
      '<p><strong>Bold</strong> <em>it</em> <a href="https://example.com/x" rel="noopener noreferrer" target="_blank">link</a> <code>npm ci</code></p>' +
      '<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>';
    expect(sanitizeRichText(html)).toBe(html);
    expect(htmlToText(html)).toContain('Bold');
  });

  it('drops scripts, event handlers and javascript: links', () => {
    const out = sanitizeRichText(
      '<p onclick="x()">Hi<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">l</a></p>',
    );
    expect(out).not.toMatch(/script|onclick|onerror|javascript:/i);
    expect(out).toContain('Hi');
  });
});
