import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { embedSnippet } from './sites-snippet.js';

const documentedStub = readFileSync(
  new URL('../../../../../docs/widget-protocol.md', import.meta.url),
  'utf8',
)
  .split('\n')
  .find((line) => line.trim().startsWith('!function(w,n)'))!
  .trim();

describe('embedSnippet', () => {
  const snippet = embedSnippet({
    host: 'https://chat.example.com/',
    appId: 'app-123',
    widgetToken: 'tok-456',
    siteId: 'shop',
  });

  it('carries the documented stub, the token, the site id and widget.js from this Chat', () => {
    expect(snippet).toContain(documentedStub);
    expect(snippet).toContain(`TandemChat.init({ token: "tok-456", siteId: "shop" });`);
    expect(snippet).toContain('<script async src="https://chat.example.com/widget.js"></script>');
    expect(snippet).toContain('app app-123');
  });

  it('cannot be broken out of by a value (a closing script tag is escaped)', () => {
    const odd = embedSnippet({
      host: 'https://c.example',
      appId: 'a',
      widgetToken: '</script>x',
      siteId: 's',
    });
    expect(odd).not.toContain('</script>x');
    expect(odd.match(/<\/script>/g)).toHaveLength(2);
  });
});
