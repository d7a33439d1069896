import { hash } from '@node-rs/argon2';
import type { TestDesk } from '../../../test/desk-harness.js';

/** Test helpers for the portal pages: a tiny cookie-keeping browser over `app.inject`, HTML probes. */

export interface PageResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  /** The HTML with formatting white space squeezed out (see `squeeze`). */
  body: string;
  /** The HTML as sent. */
  raw: string;
  location: string | undefined;
}

/** Keeps cookies between requests like a browser would, for one host. */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly desk: TestDesk,
    readonly host = 'localhost',
    readonly headers: Record<string, string> = {},
  ) {}

  private remember(setCookie: string | string[] | number | undefined) {
    for (const line of [setCookie ?? []].flat()) {
      const [pair = '', ...attributes] = String(line).split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = decodeURIComponent(pair.slice(eq + 1).trim());
      if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ') };
  }

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<PageResponse> {
    const res = await this.desk.app.inject({
      method,
      url,
      headers: {
        host: this.host,
        ...this.headers,
        ...this.cookieHeader(),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
    this.remember(res.headers['set-cookie']);
    return {
      status: res.statusCode,
      headers: res.headers,
      body: squeeze(res.body),
      raw: res.body,
      location: res.headers.location as string | undefined,
    };
  }

  get(url: string) {
    return this.request('GET', url);
  }

  post(url: string, form: Record<string, string>) {
    return this.request('POST', url, form);
  }

  /** GETs `formPage`, then posts `form` to `action` with the page's CSRF token. */
  async submit(formPage: string, action: string, form: Record<string, string>) {
    const page = await this.get(formPage);
    return this.post(action, { _csrf: csrfOf(page.body), ...form });
  }

  /** Signs in through the login form; throws when it does not redirect. */
  async signIn(email: string, password: string) {
    const res = await this.submit('/support/login', '/support/login', { email, password });
    if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
    return res;
  }
}

/**
 * HTML without the white space that formatting puts around tags (templates are laid out by
 * prettier), so tests can compare markup: runs of white space become one space, and none is
 * left next to `<` or `>`. Expected snippets are written in this form too.
 */
export function squeeze(html: string): string {
  return html
    .replace(/\s+/g, ' ')
    .replace(/\s*\/>/g, '>')
    .replace(/\s+>/g, '>')
    .replace(/>\s+/g, '>')
    .replace(/\s+</g, '<');
}

/** The CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]*)"/.exec(html);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1]!;
}

/** The page's `<h1>` text. */
export function h1Of(html: string): string {
  return textOf(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '');
}

/** The text of an HTML fragment: tags dropped, entities decoded, white space collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The `<main>` part of a page, as text. */
export function mainText(html: string): string {
  return textOf(/<main[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? '');
}

/** The opening tag of the element with this id (to check its attributes). */
export function tagWithId(html: string, id: string): string | undefined {
  return new RegExp(`<[a-z]+[^>]*\\sid="${id}"[^>]*>`).exec(html)?.[0];
}

/** A contact with a portal password, inserted directly (setup, not under test). */
export async function insertContact(
  desk: TestDesk,
  input: { name: string; email: string; password?: string; companyId?: number | null },
): Promise<number> {
  const now = new Date();
  const row = await desk.services.db
    .insertInto('contacts')
    .values({
      name: input.name,
      email: input.email,
      company_id: input.companyId ?? null,
      password_hash: input.password ? await hash(input.password) : null,
      custom_fields: '{}',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
