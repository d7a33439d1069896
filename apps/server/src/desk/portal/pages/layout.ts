import { html, trustedHtml, type SafeHtml } from './html.js';
import type { PortalChatWidget } from '../../chat-channel/index.js';
import { LANGUAGE_NAMES, LANGUAGES, type Language, type Translate } from './i18n.js';

/** What every page's frame shows: the portal's branding, who is signed in, the language. */
export interface Chrome {
  /** Null on the "no portal configured" page. */
  portal: { name: string; brand_color: string; logo_url: string | null } | null;
  lang: Language;
  t: Translate;
  /** The signed-in contact's name, or null for a visitor. */
  contactName: string | null;
  /** The CSRF token for the sign-out form (only used when signed in). */
  csrfToken: string;
  /** This page's path and query, where the language switcher comes back to. */
  path: string;
  /** Chat's widget, with the CSP nonce its scripts carry; absent when the portal has no chat. */
  chat?: PortalChatWidget & { nonce: string };
}

export type NavItem = 'home' | 'search' | 'new-ticket' | 'tickets' | 'login';

export interface PageInput {
  title: string;
  body: SafeHtml;
  /** Shown above the title: the breadcrumb trail. */
  crumbs?: SafeHtml;
  nav?: NavItem;
  /** A one-line confirmation shown above the title (after a redirect). */
  notice?: string | null;
}

const HEX = /^#[0-9a-f]{6}$/i;

/** The brand colour when it is a plain `#rrggbb` (it goes into CSS), else the default blue. */
export function safeColor(color: string | undefined): string {
  return color && HEX.test(color) ? color.toLowerCase() : '#2563eb';
}

/** Black or white, whichever reads better on `color` (WCAG relative luminance). */
export function textOn(color: string): string {
  const channel = (i: number) => {
    const c = parseInt(color.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast with white is 1.05/(L+0.05); with black (L+0.05)/0.05: pick the larger.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? '#ffffff' : '#111111';
}

/** The pages' only CSS; `brand` has passed `safeColor`, so it cannot break out of the rule. */
function styles(brand: string): string {
  const onBrand = textOn(brand);
  return `*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",sans-serif;color:#1f2328;background:#f6f7f9}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
a{color:#1d4ed8}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #ffbf47;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}
.skip{position:absolute;left:-999px;top:.5rem;background:#fff;color:#0b0c0c;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
.vh{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header.top{background:${brand};color:${onBrand}}
header.top .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding-top:.75rem;padding-bottom:.75rem}
header.top a,header.top button{color:${onBrand}}
.brand{display:flex;align-items:center;gap:.5rem;font-weight:700;font-size:1.2rem;text-decoration:none;margin-right:auto}
.brand img{max-height:2.5rem;max-width:10rem}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0;align-items:center}
nav a[aria-current]{font-weight:700}
header.top button{background:none;border:0;font:inherit;text-decoration:underline;cursor:pointer;padding:0}
header.top form{margin:0}
main{display:block;background:#fff;margin:1.5rem auto;padding:1.5rem 1rem 2rem;border-radius:.5rem;max-width:58rem}
main:focus{outline:none}
h1{font-size:1.75rem;line-height:1.25;margin:0 0 1rem}
h2{font-size:1.3rem;margin:1.5rem 0 .5rem}
h3{font-size:1.1rem;margin:1rem 0 .25rem}
.muted{color:#57606a}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem;list-style:none;padding:0}
.card{border:1px solid #d0d7de;border-radius:.5rem;padding:1rem}
.card h3{margin-top:0}
ul.plain{list-style:none;padding:0}
ul.plain li{padding:.4rem 0;border-bottom:1px solid #eaeef2}
.crumbs ol{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem;padding:0;margin:0 0 1rem}
.crumbs li+li::before{content:"›";margin-right:.25rem;color:#57606a}
.article{overflow-wrap:anywhere}
.article img{max-width:100%;height:auto}
label,legend{display:block;font-weight:600;margin-bottom:.25rem}
.field{margin:0 0 1.25rem}
.hint{color:#57606a;margin:0 0 .25rem;font-size:.95rem}
input[type=text],input[type=email],input[type=password],input[type=search],input[type=number],input[type=date],select,textarea{font:inherit;width:100%;max-width:36rem;padding:.5rem;border:2px solid #57606a;border-radius:.25rem;background:#fff;color:#1f2328}
textarea{min-height:9rem}
input[type=checkbox]{width:1.25rem;height:1.25rem;vertical-align:middle;margin-right:.5rem}
.check label{display:inline;font-weight:600}
[aria-invalid=true]{border-color:#b42318!important}
.field-error{color:#b42318;font-weight:600;margin:0 0 .25rem}
.field.invalid{border-left:4px solid #b42318;padding-left:.75rem}
.error-summary{border:4px solid #b42318;padding:1rem;margin:0 0 1.5rem}
.error-summary h2{margin-top:0}
.error-summary a{color:#b42318;font-weight:600}
.notice{border-left:6px solid #1a7f37;background:#f0fbf3;padding:.75rem 1rem;margin:0 0 1rem}
.alert{border-left:6px solid #b42318;background:#fff5f5;padding:.75rem 1rem;margin:0 0 1rem}
.button{display:inline-block;font:inherit;font-weight:600;background:${brand};color:${onBrand};border:2px solid ${brand};border-radius:.35rem;padding:.5rem 1.1rem;cursor:pointer;text-decoration:none}
.button.secondary{background:#fff;color:#1f2328;border-color:#57606a}
.inline{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
.inline .field{flex:1 1 16rem;margin:0}
.vote{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;margin:0}
.vote p{margin:0 .5rem 0 0;font-weight:600}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid #d0d7de;vertical-align:top}
.message{border:1px solid #d0d7de;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem}
.message.support{background:#f6f8fa}
.message header{font-weight:600;margin-bottom:.25rem}
footer.bottom{text-align:center;color:#57606a;font-size:.9rem;padding:0 1rem 2rem}`;
}

function navLink(href: string, label: string, current: boolean) {
  return html`<li><a href="${href}" ${current ? html` aria-current="page"` : ''}>${label}</a></li>`;
}

/** The language switcher: a link per language back to the same page (keyboard friendly). */
function languageLinks(chrome: Chrome) {
  const next = encodeURIComponent(chrome.path);
  return LANGUAGES.map(
    (lang) =>
      html`<li>
        <a
          href="/support/lang?lang=${lang}&amp;next=${next}"
          lang="${lang}"
          hreflang="${lang}"
          ${lang === chrome.lang ? html` aria-current="true"` : ''}
          >${LANGUAGE_NAMES[lang]}</a
        >
      </li>`,
  );
}

function mainNav(chrome: Chrome, page: PageInput) {
  const { t } = chrome;
  const account =
    chrome.contactName !== null
      ? html`${navLink('/support/tickets', t('navMyTickets'), page.nav === 'tickets')}
          <li>
            <form method="post" action="/support/logout">
              <input type="hidden" name="_csrf" value="${chrome.csrfToken}" /><button type="submit">
                ${t('navSignOut')}
              </button>
            </form>
          </li>`
      : navLink('/support/login', t('navSignIn'), page.nav === 'login');
  return html`<nav aria-label="${t('mainNav')}">
    <ul>
      ${navLink('/support/home', t('navHome'), page.nav === 'home')}
      ${navLink('/support/search', t('navSearch'), page.nav === 'search')}
      ${navLink('/support/tickets/new', t('navSubmitTicket'), page.nav === 'new-ticket')} ${account}
    </ul>
  </nav>`;
}

/** JSON that is safe inside a <script> element: no `</script>`, no line separators JS rejects. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Chat's widget (docs/widget-protocol.md): the settings the loader reads from
 * `window.tandemChatSettings`, then widget.js from Chat, both allowed by the page's CSP nonce.
 */
function chatWidget(chat: NonNullable<Chrome['chat']>): SafeHtml {
  return html`<script nonce="${chat.nonce}">
      window.tandemChatSettings = ${trustedHtml(scriptJson(chat.settings))};
    </script>
    <script async src="${chat.scriptUrl}" nonce="${chat.nonce}"></script>`;
}

/** A whole HTML document: the portal's frame around a page's content. */
export function renderPage(chrome: Chrome, page: PageInput): SafeHtml {
  const { t, portal } = chrome;
  const brand = safeColor(portal?.brand_color);
  const siteName = portal?.name ?? t('htmlTitleSuffix');
  const logo = portal?.logo_url ? html`<img src="${portal.logo_url}" alt="" />` : '';
  return html`<!doctype html>
    <html lang="${chrome.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${page.title} – ${siteName}</title>
        <style>
          ${trustedHtml(styles(brand))}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">${t('skipToContent')}</a>
        <header class="top">
          <div class="wrap">
            <a class="brand" href="/support/home">${logo}<span>${siteName}</span></a>
            ${portal ? mainNav(chrome, page) : ''}
            <nav aria-label="${t('languageNav')}">
              <ul>
                ${languageLinks(chrome)}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabindex="-1">
          ${page.crumbs ?? ''}
          ${page.notice ? html`<div class="notice" role="status">${page.notice}</div>` : ''}
          <h1 id="page-title">${page.title}</h1>
          ${page.body}
        </main>
        <footer class="bottom">
          ${chrome.contactName !== null ? html`<p>${t('signedInAs', { name: chrome.contactName })}</p>` : ''}
          <p>${t('footer')}</p>
        </footer>
        ${chrome.chat ? chatWidget(chrome.chat) : ''}
      </body>
    </html>`;
}
