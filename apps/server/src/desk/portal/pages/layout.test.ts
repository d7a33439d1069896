import { describe, expect, it } from 'vitest';
import { translator } from './i18n.js';
import { renderPage, type Chrome } from './layout.js';
import { html } from './html.js';

const chrome = (chat?: Chrome['chat']): Chrome => ({
  portal: { name: 'Help', brand_color: '#2563eb', logo_url: null },
  lang: 'en',
  t: translator('en'),
  contactName: null,
  csrfToken: '',
  path: '/support/home',
  ...(chat ? { chat } : {}),
});

describe('portal page frame: the chat widget', () => {
  it('leaves the widget out when the portal has none', () => {
    const page = renderPage(chrome(), { title: 'Home', body: html`<p>hi</p>` }).value;
    expect(page).not.toContain('<script');
  });

  it('writes the settings as script-safe JSON: a name cannot close the script element', () => {
    const page = renderPage(
      chrome({
        chatOrigin: 'https://chat.example.com',
        scriptUrl: 'https://chat.example.com/widget.js',
        nonce: 'abc123',
        settings: {
          token: 't',
          host: 'https://chat.example.com',
          firstName: '</script><script>alert(1)//\u2028',
        },
      }),
      { title: 'Home', body: html`<p>hi</p>` },
    ).value;
    expect(page).not.toContain('</script><script>alert');
    expect(page.match(/<script/g)).toHaveLength(2);
    const json = /window\.tandemChatSettings = (\{.*\});/.exec(page)?.[1];
    expect(JSON.parse(json!)).toMatchObject({ firstName: '</script><script>alert(1)//\u2028' });
    expect(page).toContain('<script async src="https://chat.example.com/widget.js" nonce="abc123"></script>');
  });
});
