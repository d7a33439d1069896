/**
 * The inbox page's Content-Security-Policy: only its own scripts and styles, its API and its
 * socket on Chat's own host; images also from https (avatars, image parts); never framed, except
 * the chat panel (/inbox/panel) by the origins in `frameAncestors` (the connected helpdesk's).
 */
export function inboxCsp(input: { host: string; secure: boolean; frameAncestors?: string[] }): string {
  const ancestors = input.frameAncestors?.length ? input.frameAncestors.join(' ') : "'none'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${input.secure ? 'wss' : 'ws'}://${input.host}`,
    "img-src 'self' data: https:",
    "base-uri 'none'",
    "object-src 'none'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

/** The Host header is the client's to set: only a plain host[:port] goes into the policy. */
export function policyHost(host: string): string {
  return /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/.test(host) ? host : 'invalid.invalid';
}
