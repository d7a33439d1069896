import type { WidgetManifest } from './widget-dist.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** The two languages the widget speaks; `lang` of the frame's page. */
export function frameLanguage(locale: string | undefined, acceptLanguage: string | undefined): 'en' | 'ja' {
  const wanted = locale ?? acceptLanguage?.split(',')[0] ?? '';
  return /^ja\b/i.test(wanted.trim()) ? 'ja' : 'en';
}

/**
 * The iframe's page: the frame app's script and stylesheet from the manifest, by paths relative
 * to /widget/frame (so a path prefix in front of Chat keeps working). Everything else (token,
 * site, page origin) the app reads from its own URL and the loader's `init`.
 */
export function framePage(manifest: WidgetManifest, lang: 'en' | 'ja'): string {
  const title = lang === 'ja' ? 'チャット' : 'Chat';
  const style = manifest.style ? `<link rel="stylesheet" href="assets/${escapeHtml(manifest.style)}">\n` : '';
  const chunks = (manifest.chunks ?? [])
    .map((chunk) => `<link rel="modulepreload" href="assets/${escapeHtml(chunk)}">\n`)
    .join('');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${style}${chunks}<script type="module" src="assets/${escapeHtml(manifest.script)}"></script>
</head>
<body></body>
</html>
`;
}

/** What an unknown token or site gets (404): plain words, no script. */
export function unknownWidgetPage(message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Chat widget unavailable</title></head>
<body><p>${escapeHtml(message)}</p></body></html>
`;
}

/**
 * The frame's Content-Security-Policy: its own scripts, styles and API; its socket on Chat's
 * host; images it serves, data: and blob: (previews); and framed only by the site's origins.
 */
export function frameCsp(input: { host: string; secure: boolean; frameAncestors: string[] }): string {
  return [
    "default-src 'self'",
    `connect-src 'self' ${input.secure ? 'wss' : 'ws'}://${input.host}`,
    "img-src 'self' data: blob:",
    "base-uri 'none'",
    "object-src 'none'",
    `frame-ancestors ${input.frameAncestors.join(' ')}`,
  ].join('; ');
}
