import { describe, expect, it } from 'vitest';
import { editorHtml, safeHref, type NodeLike } from './rich-text.js';

/** A tiny element tree standing in for what contenteditable leaves in the DOM. */
const el = (
  name: string,
  kids: (NodeLike | string)[] = [],
  attrs: Record<string, string> = {},
): NodeLike => ({
  nodeType: 1,
  nodeName: name.toUpperCase(),
  nodeValue: null,
  childNodes: kids.map((k) => (typeof k === 'string' ? text(k) : k)),
  getAttribute: (n) => attrs[n] ?? null,
});
const text = (value: string): NodeLike => ({
  nodeType: 3,
  nodeName: '#text',
  nodeValue: value,
  childNodes: [],
});

describe('editorHtml', () => {
  it('keeps the toolbar formats and maps browser variants onto them', () => {
    const root = el('div', [
      'Hello ',
      el('b', ['bold']),
      ' and ',
      el('i', ['it']),
      el('div', [el('span', ['see ']), el('a', ['docs'], { href: 'https://example.com/a?b=1&c="2"' })]),
      el('ul', [el('li', ['one']), el('li', [el('code', ['npm ci'])])]),
      el('ol', [el('li', [el('strong', ['first'])])]),
    ]);
    expect(editorHtml(root)).toBe(
      '<p>Hello <strong>bold</strong> and <em>it</em></p>' +
        '<p>see <a href="https://example.com/a?b=1&amp;c=&quot;2&quot;" rel="noopener noreferrer" target="_blank">docs</a></p>' +
        '<ul><li>one</li><li><code>npm ci</code></li></ul><ol><li><strong>first</strong></li></ol>',
    );
  });

  it('escapes text, drops scripts, unsafe links and empty paragraphs, and flattens formatting in code', () => {
    const root = el('div', [
      el('p', ['<img src=x onerror=alert(1)> & co']),
      el('script', ['alert(1)']),
      el('p', [el('br')]),
      el('p', [el('a', ['click'], { href: 'javascript:alert(1)' }), ' ', el('code', [el('b', ['x'])])]),
    ]);
    expect(editorHtml(root)).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt; &amp; co</p><p>click <code>x</code></p>',
    );
  });

  it('is empty for an editor holding only whitespace and line breaks', () => {
    expect(editorHtml(el('div', [' ', el('br'), el('div', [el('br')])]))).toBe('');
  });

  it('turns line breaks of a top-level run into <br> inside one paragraph', () => {
    expect(editorHtml(el('div', ['line one', el('br'), 'line two', el('br')]))).toBe(
      '<p>line one<br>line two</p>',
    );
  });
});

describe('safeHref', () => {
  it('accepts web and mail addresses, completes bare domains, refuses scripts and data', () => {
    expect(safeHref('https://a.example')).toBe('https://a.example');
    expect(safeHref('mailto:x@example.com')).toBe('mailto:x@example.com');
    expect(safeHref('example.com/help')).toBe('https://example.com/help');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
  });
});
