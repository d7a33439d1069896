import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_UPLOAD, partViews, safeUrl, summaryOf, uploadProblem } from './parts.js';

const base = 'https://chat.example';

describe('message parts', () => {
  it('links and loads only http(s) URLs', () => {
    expect(safeUrl('/v2/files/1/a.png', base)).toBe('https://chat.example/v2/files/1/a.png');
    expect(safeUrl('javascript:alert(1)', base)).toBeUndefined();
    expect(safeUrl('data:text/html,hi', base)).toBeUndefined();
    expect(safeUrl(42, base)).toBeUndefined();
  });

  it('draws text, images, files, buttons and collections; skips what it cannot draw safely', () => {
    const views = partViews(
      [
        { text: { content: 'Hello' } },
        { image: { url: '/v2/files/1/cat.png' } },
        { file: { url: '/v2/files/2/cv.pdf', name: 'cv.pdf', file_size_in_bytes: 2048 } },
        { url_button: { url: 'javascript:steal()', label: 'Click' } },
        { quick_reply_button: { label: 'Yes', custom_reply_text: 'Yes please' } },
        { collection: { sub_parts: [{ url_button: { url: 'https://acme.example', label: 'Docs' } }] } },
        { template_content: {} },
        null,
      ],
      base,
    );
    expect(views).toEqual([
      { kind: 'text', text: 'Hello' },
      { kind: 'image', url: 'https://chat.example/v2/files/1/cat.png' },
      { kind: 'file', url: 'https://chat.example/v2/files/2/cv.pdf', name: 'cv.pdf', size: 2048 },
      { kind: 'reply', label: 'Yes', text: 'Yes please' },
      { kind: 'link', url: 'https://acme.example/', label: 'Docs' },
    ]);
    expect(summaryOf([{ text: { content: 'Hi' } }, { file: { url: '/f/x.pdf', name: 'x.pdf' } }], base)).toBe(
      'Hi\nx.pdf',
    );
  });

  it('refuses before uploading what is too large or not allowed', () => {
    const file = (name: string, size: number, type = '') => ({ name, size, type });
    expect(uploadProblem(file('big.png', DEFAULT_MAX_UPLOAD + 1, 'image/png'), DEFAULT_MAX_UPLOAD)).toBe(
      'fileTooLarge',
    );
    expect(uploadProblem(file('logo.svg', 10, 'image/svg+xml'), DEFAULT_MAX_UPLOAD)).toBe('fileType');
    expect(uploadProblem(file('setup.exe', 10, 'application/x-msdownload'), DEFAULT_MAX_UPLOAD)).toBe(
      'fileType',
    );
    expect(uploadProblem(file('notes.zip', 10, 'application/zip'), DEFAULT_MAX_UPLOAD)).toBe('fileType');
    expect(uploadProblem(file('cv.pdf', 10, 'application/pdf'), DEFAULT_MAX_UPLOAD)).toBeUndefined();
    expect(uploadProblem(file('photo.jpg', 10, 'image/jpeg'), 5)).toBe('fileTooLarge');
  });
});
