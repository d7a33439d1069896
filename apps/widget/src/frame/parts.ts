/**
 * Message parts (chat-v2.md B4) as the widget draws them, and the checks made before an upload.
 * Only http(s) and same-origin URLs are ever put in a link or an image; other part types (and
 * anything malformed) are not drawn.
 */
export type PartView =
  | { kind: 'text'; text: string }
  | { kind: 'image'; url: string }
  | { kind: 'file'; url: string; name: string; size: number | undefined }
  | { kind: 'link'; url: string; label: string }
  | { kind: 'reply'; label: string; text: string };

/** The URL if it is safe to link to or load (http, https, or relative to Chat), else undefined. */
export function safeUrl(value: unknown, base: string): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

export function partViews(parts: readonly unknown[], base: string): PartView[] {
  const views: PartView[] = [];
  for (const raw of parts) {
    const part = (raw ?? {}) as Record<string, Record<string, unknown> | undefined>;
    if (part.text) {
      const content = text(part.text.content);
      if (content) views.push({ kind: 'text', text: content });
    } else if (part.image) {
      const url = safeUrl(part.image.url, base);
      if (url) views.push({ kind: 'image', url });
    } else if (part.file) {
      const url = safeUrl(part.file.url, base);
      const size = part.file.file_size_in_bytes;
      if (url)
        views.push({
          kind: 'file',
          url,
          name: text(part.file.name) || decodeURIComponent(url.split('/').pop() ?? '') || 'file',
          size: typeof size === 'number' ? size : undefined,
        });
    } else if (part.url_button) {
      const url = safeUrl(part.url_button.url, base);
      const label = text(part.url_button.label);
      if (url && label) views.push({ kind: 'link', url, label });
    } else if (part.quick_reply_button) {
      const label = text(part.quick_reply_button.label);
      if (label)
        views.push({ kind: 'reply', label, text: text(part.quick_reply_button.custom_reply_text) || label });
    } else if (part.collection && Array.isArray(part.collection.sub_parts)) {
      views.push(...partViews(part.collection.sub_parts, base));
    }
  }
  return views;
}

/** A short plain-text summary of a message (for the page's `message:received` event). */
export function summaryOf(parts: readonly unknown[], base: string): string {
  return partViews(parts, base)
    .map((v) => (v.kind === 'text' ? v.text : v.kind === 'file' ? v.name : v.kind === 'image' ? '' : v.label))
    .filter(Boolean)
    .join('\n');
}

/** What Chat accepts (it decides by the bytes; this only spares a doomed upload). */
export const ACCEPTED_FILES =
  'image/png,image/jpeg,image/gif,image/webp,application/pdf,.pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt,.csv,.json,text/plain,text/csv,application/json';

const ACCEPTED_EXTENSIONS = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'pdf',
  'docx',
  'xlsx',
  'pptx',
  'odt',
  'ods',
  'odp',
  'txt',
  'csv',
  'json',
  'log',
  'md',
]);

/** Chat's default `CHAT_UPLOAD_MAX_BYTES`, used when the bootstrap names no limit. */
export const DEFAULT_MAX_UPLOAD = 10 * 1024 * 1024;

/** Why a file cannot be sent ('fileTooLarge' or 'fileType'), or undefined when it may be tried. */
export function uploadProblem(
  file: { name: string; size: number; type: string },
  maxBytes: number,
): 'fileTooLarge' | 'fileType' | undefined {
  if (file.size > maxBytes) return 'fileTooLarge';
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  // SVG, HTML and executables are refused by the server too: say so before uploading.
  if (/svg|html|xml|javascript|x-msdownload/i.test(file.type)) return 'fileType';
  if (extension && !ACCEPTED_EXTENSIONS.has(extension) && !file.type.startsWith('image/')) return 'fileType';
  return undefined;
}
