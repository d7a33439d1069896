import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trustedHtml } from './html.js';
import { safeColor, textOn } from './layout.js';

describe('html', () => {
  it('escapes every interpolation', () => {
    const evil = `<script>alert("x")</script>&'`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>',
    );
  });

  it('keeps nested html and trusted markup, renders arrays and skips null, undefined and false', () => {
    const items = ['<a>', 'b'].map((x) => html`<li>${x}</li>`);
    const list = html`<ul>
      ${items}
    </ul>`;
    const rest = html`${null}${undefined}${false}${0}${trustedHtml('<b>ok</b>')}`;
    // Prettier lays the template out over lines; the white space between tags is not the point here.
    expect(list.value.replace(/>\s+</g, '><')).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>');
    expect(rest.value).toBe('0<b>ok</b>');
  });

  it('escapeHtml leaves plain text alone', () => {
    expect(escapeHtml('日本語 text 123')).toBe('日本語 text 123');
  });
});

describe('brand colours', () => {
  it('only plain #rrggbb reaches the CSS', () => {
    expect(safeColor('#AABBCC')).toBe('#aabbcc');
    for (const bad of ['red', '#fff', '#12345g', '#123456;}body{', undefined])
      expect(safeColor(bad)).toBe('#2563eb');
  });

  it('picks the readable text colour', () => {
    expect(textOn('#000000')).toBe('#ffffff');
    expect(textOn('#2563eb')).toBe('#ffffff');
    expect(textOn('#ffee00')).toBe('#111111');
    expect(textOn('#ffffff')).toBe('#111111');
  });
});
