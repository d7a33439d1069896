import { describe, expect, it } from 'vitest';
import { textToHtml } from './ticket-page.js';

describe('textToHtml', () => {
  it('escapes markup and keeps paragraphs and line breaks', () => {
    expect(textToHtml('  <b>Hi</b> & "you"\nline two\n\n\nNext  ')).toBe(
      '<p>&lt;b&gt;Hi&lt;/b&gt; &amp; &quot;you&quot;<br>line two</p><p>Next</p>',
    );
  });
});
