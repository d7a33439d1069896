/**
 * The one escaping helper for portal pages. `html` is a tagged template that escapes every
 * interpolated value unless it is already `SafeHtml` (another `html` result, or `trustedHtml`).
 * Arrays are rendered item by item; `null`, `undefined` and `false` render nothing.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Builds HTML from a template, escaping every interpolation that is not `SafeHtml`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new SafeHtml(out);
}

/**
 * Marks HTML as safe to insert as is. Only for markup sanitized on write (article bodies,
 * conversation bodies through `sanitizeRichText`): never for anything a request carried.
 */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
