/**
 * What an upload really is, decided from its bytes (never from the client's content type or file
 * name, which anyone can set). Only this allow-list is stored; SVG never (it is a document that
 * can run script), nor anything unrecognized.
 */
export interface DetectedType {
  contentType: string;
  kind: 'image' | 'file';
}

const startsWith = (data: Buffer, bytes: readonly number[], at = 0) =>
  data.length >= at + bytes.length && bytes.every((b, i) => data[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const IMAGES: { contentType: string; matches: (data: Buffer) => boolean }[] = [
  {
    contentType: 'image/png',
    matches: (d) => startsWith(d, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  { contentType: 'image/jpeg', matches: (d) => startsWith(d, [0xff, 0xd8, 0xff]) },
  {
    contentType: 'image/gif',
    matches: (d) => startsWith(d, ascii('GIF87a')) || startsWith(d, ascii('GIF89a')),
  },
  {
    contentType: 'image/webp',
    matches: (d) => startsWith(d, ascii('RIFF')) && startsWith(d, ascii('WEBP'), 8),
  },
];

/** The image type of the bytes, or undefined. */
export function detectImage(data: Buffer): DetectedType | undefined {
  const image = IMAGES.find((candidate) => candidate.matches(data));
  return image && { contentType: image.contentType, kind: 'image' };
}

/**
 * The type of an allowed upload, or undefined when it is not on the allow-list: the images,
 * PDF, Office Open XML and OpenDocument files (zip-based; macro-enabled ones refused), and text
 * (valid UTF-8 without control characters, not SVG/HTML/XML markup) as JSON, CSV or plain text.
 */
export function detectFileType(data: Buffer, name: string): DetectedType | undefined {
  const image = detectImage(data);
  if (image) return image;
  if (startsWith(data, ascii('%PDF-'))) return { contentType: 'application/pdf', kind: 'file' };
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) {
    const contentType = officeDocumentType(data);
    return contentType ? { contentType, kind: 'file' } : undefined;
  }
  return textType(data, name);
}

const OOXML: [entry: string, contentType: string][] = [
  ['word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
];
const ODF = new Set([
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
]);

/**
 * A zip archive that is an office document: its central directory names the parts of a
 * .docx/.xlsx/.pptx, or it starts with an OpenDocument `mimetype` entry. Archives carrying VBA
 * macros are refused, and so is any other zip (it could hold anything).
 */
function officeDocumentType(data: Buffer): string | undefined {
  const names = zipEntryNames(data);
  if (!names) return undefined;
  if (names.some((n) => /vbaProject\.bin$/i.test(n) || /^Basic\//.test(n))) return undefined;
  if (names.includes('[Content_Types].xml')) return OOXML.find(([entry]) => names.includes(entry))?.[1];
  // OpenDocument: the first entry is `mimetype`, stored uncompressed, holding the type itself.
  if (names[0] === 'mimetype' && data.readUInt16LE(8) === 0) {
    const nameLength = data.readUInt16LE(26);
    const extraLength = data.readUInt16LE(28);
    const size = data.readUInt32LE(18);
    const start = 30 + nameLength + extraLength;
    const type = data.subarray(start, start + Math.min(size, 100)).toString('latin1');
    return ODF.has(type) ? type : undefined;
  }
  return undefined;
}

/** The entry names of a zip's central directory, or undefined when it is not a well-formed zip. */
function zipEntryNames(data: Buffer): string[] | undefined {
  // The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 64 KiB.
  const earliest = Math.max(0, data.length - 22 - 0xffff);
  for (let at = data.length - 22; at >= earliest; at--) {
    if (data.readUInt32LE(at) !== 0x06054b50) continue;
    const count = data.readUInt16LE(at + 10);
    const offset = data.readUInt32LE(at + 16);
    const names: string[] = [];
    let cursor = offset;
    for (let i = 0; i < count; i++) {
      if (cursor + 46 > data.length || data.readUInt32LE(cursor) !== 0x02014b50) return undefined;
      const nameLength = data.readUInt16LE(cursor + 28);
      const extraLength = data.readUInt16LE(cursor + 30);
      const commentLength = data.readUInt16LE(cursor + 32);
      if (cursor + 46 + nameLength > data.length) return undefined;
      names.push(data.subarray(cursor + 46, cursor + 46 + nameLength).toString('utf8'));
      cursor += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }
  return undefined;
}

// SVG, HTML and XML are documents that can carry script: refused even though they are text.
const MARKUP = /^\s*<(\?xml|svg|!doctype|html|head|body|script|iframe|!--)/i;

/** Text may hold tabs, line breaks and form feeds; any other C0 control or DEL means binary. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f)
      return true;
  }
  return false;
}

function textType(data: Buffer, name: string): DetectedType | undefined {
  if (data.length === 0) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return undefined;
  }
  if (hasControlCharacters(text) || MARKUP.test(text)) return undefined;
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (extension === 'json' && isJson(text)) return { contentType: 'application/json', kind: 'file' };
  if (extension === 'csv') return { contentType: 'text/csv; charset=utf-8', kind: 'file' };
  return { contentType: 'text/plain; charset=utf-8', kind: 'file' };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
