/**
 * A bare origin (scheme://host[:port]) of an http(s) URL that is safe to put in a Content
 * Security Policy (frame-ancestors, frame-src), else undefined. URL.origin is already normalised;
 * the pattern keeps quotes, spaces and ';' out regardless.
 */
export function policyOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return /^https?:\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d+)?$/.test(url.origin)
      ? url.origin
      : undefined;
  } catch {
    return undefined;
  }
}
