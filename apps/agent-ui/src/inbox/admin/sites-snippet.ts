/**
 * The embed code of one site, as docs/widget-protocol.md documents it: the stub that queues
 * calls until widget.js arrives, `TandemChat.init` with the account's widget token and the site
 * id, and widget.js from this Chat. The app id is named in a comment: the widget learns it from
 * the bootstrap, so init needs only the token.
 */
export function embedSnippet(options: { host: string; appId: string; widgetToken: string; siteId: string }) {
  const js = (value: string) => JSON.stringify(value).replace(/</g, '\\u003c');
  const host = options.host.replace(/\/+$/, '');
  return [
    `<!-- Tandem Chat widget: app ${options.appId.replace(/-->/g, '')}, site ${options.siteId} -->`,
    '<script>',
    '  !function(w,n){if(w[n])return;var q=[],s=function(m){return function(){var a=arguments;return new Promise(function(r,j){q.push([m,a,r,j])})}},o={q:q,user:{}};"init open close show hide destroy on off".split(" ").forEach(function(m){o[m]=s(m)});"get setProperties clear".split(" ").forEach(function(m){o.user[m]=s("user."+m)});w[n]=o}(window,"TandemChat");',
    `  TandemChat.init({ token: ${js(options.widgetToken)}, siteId: ${js(options.siteId)} });`,
    '</script>',
    `<script async src="${host.replace(/"/g, '&quot;')}/widget.js"></script>`,
  ].join('\n');
}
