/** The directives of a Content-Security-Policy header, by name (for tests reading served headers). */
export function cspDirectives(header: unknown): Record<string, string[]> {
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}
