/** The longest stored file name (characters); longer names are cut before the extension. */
export const MAX_FILE_NAME_LENGTH = 200;

/** Extensions each stored type may carry; the first is added when the given name has none of them. */
const EXTENSIONS: Record<string, string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'application/vnd.oasis.opendocument.presentation': ['odp'],
  'application/json': ['json'],
  'text/csv; charset=utf-8': ['csv'],
  'text/plain; charset=utf-8': ['txt', 'text', 'log', 'md'],
};

/**
 * A safe display and download name: no directory parts (`../`, `C:\`), no control, bidi-override
 * or other invisible format characters, no leading dots, at most MAX_FILE_NAME_LENGTH characters,
 * and an extension that matches the detected type (so `invoice.pdf.exe` or `page.html` holding
 * text is saved as `….txt`, never as something a desktop would run).
 */
export function safeFileName(given: string, contentType: string): string {
  const base = given.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+|[\s.]+$/gu, '');
  const name = cleaned || 'file';
  const allowed = EXTENSIONS[contentType] ?? [];
  const dot = name.lastIndexOf('.');
  const givenExtension = dot > 0 ? name.slice(dot + 1).toLowerCase() : undefined;
  const keeps = givenExtension !== undefined && allowed.includes(givenExtension);
  const extension = keeps ? name.slice(dot) : allowed[0] ? `.${allowed[0]}` : '';
  const stem = keeps ? name.slice(0, dot) : name;
  const room = MAX_FILE_NAME_LENGTH - [...extension].length;
  return ([...stem].slice(0, room).join('').trimEnd() || 'file') + extension;
}

/**
 * `Content-Disposition` with the name twice: a quoted ASCII fallback and the exact UTF-8 name
 * (RFC 6266 / RFC 8187), so no client reads a quote or a semicolon of the name as syntax.
 */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
