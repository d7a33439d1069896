/** ISO-8601 UTC without milliseconds, as the Freshdesk API writes times: `2026-11-24T05:15:00Z`. */
export function isoTime(date: Date | string): string;
export function isoTime(date: Date | string | null | undefined): string | null;
export function isoTime(date: Date | string | null | undefined): string | null {
  if (date === null || date === undefined) return null;
  const d = typeof date === 'string' ? new Date(date) : date;
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
