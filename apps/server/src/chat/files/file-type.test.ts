import { describe, expect, it } from 'vitest';
import { contentDisposition, MAX_FILE_NAME_LENGTH, safeFileName } from './file-name.js';
import { detectFileType, detectImage } from './file-type.js';
import { DOCX, EXE, GIF, JPEG, PDF, PNG, SVG, WEBP, zip } from './test-support.js';

describe('upload type detection (by bytes)', () => {
  it('recognizes the four image types, and only them, as images', () => {
    expect(detectImage(PNG)?.contentType).toBe('image/png');
    expect(detectImage(JPEG)?.contentType).toBe('image/jpeg');
    expect(detectImage(GIF)?.contentType).toBe('image/gif');
    expect(detectImage(WEBP)?.contentType).toBe('image/webp');
    for (const other of [PDF, SVG, EXE, DOCX, Buffer.from('hello')])
      expect(detectImage(other)).toBeUndefined();
  });

  it('ignores the name: an executable called photo.png is not an image, nor any file', () => {
    expect(detectImage(EXE)).toBeUndefined();
    expect(detectFileType(EXE, 'photo.png')).toBeUndefined();
    expect(detectFileType(Buffer.from('\x7fELF\x02\x01\x01\x00', 'latin1'), 'notes.txt')).toBeUndefined();
  });

  it('accepts PDF and office documents; refuses plain zips and macro-enabled documents', () => {
    expect(detectFileType(PDF, 'x')).toEqual({ contentType: 'application/pdf', kind: 'file' });
    expect(detectFileType(DOCX, 'x.docx')?.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const xlsx = zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: '<workbook/>' },
    ]);
    expect(detectFileType(xlsx, 'x')?.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const odt = zip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
      { name: 'content.xml', data: '<office/>' },
    ]);
    expect(detectFileType(odt, 'x')?.contentType).toBe('application/vnd.oasis.opendocument.text');
    expect(detectFileType(zip([{ name: 'payload.exe', data: 'MZ' }]), 'x.zip')).toBeUndefined();
    const docm = zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
      { name: 'word/vbaProject.bin', data: 'macro' },
    ]);
    expect(detectFileType(docm, 'x.docx')).toBeUndefined();
    expect(detectFileType(Buffer.from('PK\x03\x04garbage', 'latin1'), 'x.docx')).toBeUndefined();
  });

  it('accepts UTF-8 text as JSON, CSV or plain text; refuses markup, invalid UTF-8 and empty files', () => {
    expect(detectFileType(Buffer.from('{"a":1}'), 'data.json')?.contentType).toBe('application/json');
    expect(detectFileType(Buffer.from('{broken'), 'data.json')?.contentType).toBe(
      'text/plain; charset=utf-8',
    );
    expect(detectFileType(Buffer.from('a,b\n1,2\n'), 'table.CSV')?.contentType).toBe(
      'text/csv; charset=utf-8',
    );
    expect(detectFileType(Buffer.from('こんにちは\tworld\r\n'), 'note')?.contentType).toBe(
      'text/plain; charset=utf-8',
    );
    expect(detectFileType(SVG, 'logo.svg')).toBeUndefined();
    expect(detectFileType(Buffer.from('  <!DOCTYPE html><html></html>'), 'page.txt')).toBeUndefined();
    expect(detectFileType(Buffer.from([0xc3, 0x28]), 'bad.txt')).toBeUndefined();
    expect(detectFileType(Buffer.from('text\u0000with nul'), 'a.txt')).toBeUndefined();
    expect(detectFileType(Buffer.alloc(0), 'empty.txt')).toBeUndefined();
  });
});

describe('safe file names', () => {
  it('keeps only the last path part and drops control and bidi characters', () => {
    expect(safeFileName('../../etc/passwd.txt', 'text/plain; charset=utf-8')).toBe('passwd.txt');
    expect(safeFileName('C:\\Users\\me\\report.pdf', 'application/pdf')).toBe('report.pdf');
    expect(safeFileName('in\u0000voice\r\n.pdf', 'application/pdf')).toBe('invoice.pdf');
    expect(safeFileName('photo\u202Egnp.exe', 'image/png')).toBe('photognp.exe.png');
    expect(safeFileName('...', 'application/pdf')).toBe('file.pdf');
    expect(safeFileName('.hidden.pdf', 'application/pdf')).toBe('hidden.pdf');
  });

  it('gives the name an extension matching the stored type', () => {
    expect(safeFileName('page.html', 'text/plain; charset=utf-8')).toBe('page.html.txt');
    expect(safeFileName('Photo.JPG', 'image/jpeg')).toBe('Photo.JPG');
    expect(safeFileName('photo', 'image/webp')).toBe('photo.webp');
  });

  it('caps the length, keeping the extension', () => {
    const name = safeFileName(`${'a'.repeat(500)}.pdf`, 'application/pdf');
    expect(name).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('Content-Disposition carries an ASCII fallback and the exact UTF-8 name, quotes escaped', () => {
    expect(contentDisposition('attachment', 'a"b;c.pdf')).toBe(
      `attachment; filename="a_b;c.pdf"; filename*=UTF-8''a%22b%3Bc.pdf`,
    );
    expect(contentDisposition('inline', "é (1)'.png")).toBe(
      `inline; filename="_ (1)'.png"; filename*=UTF-8''%C3%A9%20%281%29%27.png`,
    );
  });
});
