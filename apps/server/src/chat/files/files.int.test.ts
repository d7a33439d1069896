import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChat, type TestChat } from '../../test/chat-harness.js';
import { TEST_DATABASE_KINDS } from '../../test/databases.js';
import { makeSite } from '../conversations/conversation-test-helpers.js';
import { widgetCredentials } from '../realtime/realtime-test-helpers.js';
import { DOCX, EXE, multipart, PDF, PNG, SVG, type Part } from './test-support.js';

const LIMIT = 2 * 1024 * 1024;

describe.each(TEST_DATABASE_KINDS)('Chat files (%s)', (kind) => {
  let chat: TestChat;
  let widgetToken: string;

  beforeAll(async () => {
    // Above the app's 1 MiB JSON body limit, so the upload limit is shown to be its own.
    chat = await startTestChat(kind, { rateLimitPerMinute: 100_000, uploadMaxBytes: LIMIT });
    const site = await makeSite(chat);
    const creds = await widgetCredentials(chat);
    const session = await chat.call('POST', '/v2/widget/sessions', {
      token: null,
      body: { app_id: creds.appId, widget_token: creds.widgetToken, site_id: site },
    });
    expect(session.statusCode).toBe(201);
    widgetToken = session.data.session_token;
  });
  afterAll(async () => chat?.close());

  const upload = async (
    path: string,
    parts: Part[],
    token: string | null = 'test-chat-api-token-0123456789-abcdef',
  ) => {
    const body = multipart(parts);
    const response = await chat.app.inject({
      method: 'POST',
      url: path,
      payload: body.payload,
      headers: { ...body.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    return Object.assign(response, { data: JSON.parse(response.body || 'null') });
  };
  const file = (data: Buffer | string, filename: string, contentType = 'application/octet-stream'): Part => ({
    name: 'file',
    filename,
    contentType,
    data,
  });
  const download = (url: string) => chat.app.inject({ method: 'GET', url: new URL(url).pathname });
  const fileCount = async () =>
    Number(
      (
        await chat.services.db
          .selectFrom('files')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('uploads a file and downloads the same bytes without credentials, with safe headers', async () => {
    const res = await upload('/v2/files/upload', [file(PDF, 'Quarterly report.pdf', 'text/html')]);
    expect(res.statusCode).toBe(201);
    expect(res.data).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      file: {
        url: `http://localhost:80/v2/files/${res.data.id}/Quarterly%20report.pdf`,
        name: 'Quarterly report.pdf',
        file_size_in_bytes: PDF.length,
        // From the bytes, not from the client's claim.
        content_type: 'application/pdf',
      },
    });
    const got = await download(res.data.file.url);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PDF)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-length']).toBe(String(PDF.length));
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toBe('sandbox');
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="Quarterly report.pdf"; filename*=UTF-8''Quarterly%20report.pdf`,
    );
  });

  it('an image upload answers an image part; images download inline', async () => {
    const res = await upload('/v2/images/upload', [file(PNG, 'pixel.png', 'image/png')]);
    expect(res.statusCode).toBe(201);
    expect(res.data).toEqual({
      id: expect.any(String),
      image: { url: `http://localhost:80/v2/files/${res.data.id}/pixel.png` },
    });
    const got = await download(res.data.image.url);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toMatch(/^inline; /);
    expect(got.headers['content-security-policy']).toBe('sandbox');
  });

  it('accepts an office document and a text file as what their bytes are', async () => {
    const docx = await upload('/v2/files/upload', [file(DOCX, 'letter.docx')]);
    expect(docx.data.file.content_type).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const csv = await upload('/v2/files/upload', [file('a,b\n1,2\n', 'table.csv', 'text/csv')]);
    expect(csv.data.file.content_type).toBe('text/csv; charset=utf-8');
    const got = await download(csv.data.file.url);
    expect(got.body).toBe('a,b\n1,2\n');
  });

  it('a file over the limit is refused with 413 and details, and nothing is stored', async () => {
    const before = await fileCount();
    const big = Buffer.alloc(LIMIT + 1, 0x61);
    const res = await upload('/v2/files/upload', [file(big, 'big.txt', 'text/plain')]);
    expect(res.statusCode).toBe(413);
    expect(res.data).toEqual({
      code: 413,
      status: 'PAYLOAD_TOO_LARGE',
      message: 'The file should not be larger than 2 MiB.',
      details: [
        { field: 'file', code: 'max_size_exceeded', message: 'The file should not be larger than 2 MiB' },
      ],
    });
    expect(await fileCount()).toBe(before);
    // Right at the limit is fine (and above the 1 MiB JSON body limit).
    const atLimit = await upload('/v2/files/upload', [file(Buffer.alloc(LIMIT, 0x61), 'big.txt')]);
    expect(atLimit.statusCode).toBe(201);
    expect(atLimit.data.file.file_size_in_bytes).toBe(LIMIT);
  });

  it('refuses an SVG and an executable disguised as an image with 415', async () => {
    const before = await fileCount();
    for (const path of ['/v2/images/upload', '/v2/files/upload']) {
      const svg = await upload(path, [file(SVG, 'logo.svg', 'image/svg+xml')]);
      expect(svg.statusCode).toBe(415);
      expect(svg.data).toMatchObject({
        code: 415,
        status: 'UNSUPPORTED_MEDIA_TYPE',
        message: expect.stringContaining('This type of file is not accepted'),
        details: [
          {
            field: 'file',
            code: 'invalid_value',
            message: expect.stringContaining('PNG, JPEG, GIF or WebP'),
          },
        ],
      });
      const exe = await upload(path, [file(EXE, 'holiday.png', 'image/png')]);
      expect(exe.statusCode).toBe(415);
      expect(exe.data.details[0].field).toBe('file');
    }
    // A document is not an image.
    expect((await upload('/v2/images/upload', [file(PDF, 'x.png', 'image/png')])).statusCode).toBe(415);
    expect(await fileCount()).toBe(before);
  });

  it('no file is 400, a JSON body 415, another field 400', async () => {
    const none = await upload('/v2/files/upload', []);
    expect(none.statusCode).toBe(400);
    expect(none.data).toMatchObject({
      code: 400,
      details: [{ field: 'file', code: 'missing_field' }],
    });
    const empty = await upload('/v2/files/upload', [file(Buffer.alloc(0), 'empty.txt')]);
    expect(empty.statusCode).toBe(400);
    expect(empty.data.details).toEqual([
      { field: 'file', code: 'invalid_value', message: 'The file is empty' },
    ]);
    const json = await chat.call('POST', '/v2/files/upload', { body: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.data.details[0].field).toBe('file');
    const other = await upload('/v2/files/upload', [{ name: 'attachment', filename: 'a.pdf', data: PDF }]);
    expect(other.statusCode).toBe(400);
    expect(other.data.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'attachment', code: 'invalid_field' })]),
    );
  });

  it('an unknown or malformed id is 404', async () => {
    expect(
      (await chat.app.inject({ method: 'GET', url: '/v2/files/2f1d2b8e-7c6a-4d2e-9a51-3b0e4c7d9f10/x.png' }))
        .statusCode,
    ).toBe(404);
    expect((await chat.app.inject({ method: 'GET', url: '/v2/files/not-a-uuid/x.png' })).statusCode).toBe(
      404,
    );
  });

  it('sanitizes the file name: no path, no control characters, an extension of its type', async () => {
    const res = await upload('/v2/files/upload', [
      file('hello', '../../etc/pass\u0007wd (1).html', 'text/html'),
    ]);
    expect(res.statusCode).toBe(201);
    expect(res.data.file.name).toBe('passwd (1).html.txt');
    expect(res.data.file.url).toMatch(/\/v2\/files\/[0-9a-f-]{36}\/passwd%20\(1\)\.html\.txt$/);
    const got = await download(res.data.file.url);
    expect(got.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="passwd (1).html.txt"; filename*=UTF-8''passwd%20%281%29.html.txt`,
    );
    const row = await chat.services.db
      .selectFrom('files')
      .select(['name', 'uploaded_by_type'])
      .where('id', '=', res.data.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'passwd (1).html.txt', uploaded_by_type: 'system' });
  });

  it('widget users upload through their own route; audiences do not cross', async () => {
    const image = await upload('/v2/widget/files/upload', [file(PNG, 'me.png', 'image/png')], widgetToken);
    expect(image.statusCode).toBe(201);
    expect(image.data).toEqual({
      id: expect.any(String),
      image: { url: expect.stringContaining('/v2/files/') },
    });
    const doc = await upload('/v2/widget/files/upload', [file(PDF, 'cv.pdf')], widgetToken);
    expect(doc.data.file).toMatchObject({ name: 'cv.pdf', content_type: 'application/pdf' });
    const row = await chat.services.db
      .selectFrom('files')
      .select(['uploaded_by_type', 'uploaded_by_id'])
      .where('id', '=', doc.data.id)
      .executeTakeFirstOrThrow();
    expect(row.uploaded_by_type).toBe('user');
    expect(row.uploaded_by_id).toEqual(expect.any(String));
    expect((await upload('/v2/widget/files/upload', [file(PNG, 'x.png')])).statusCode).toBe(401);
    expect((await upload('/v2/files/upload', [file(PNG, 'x.png')], widgetToken)).statusCode).toBe(401);
    expect((await upload('/v2/images/upload', [file(PNG, 'x.png')], null)).statusCode).toBe(401);
  });
});
