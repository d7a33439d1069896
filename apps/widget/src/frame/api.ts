import type { UserMessage } from '@tandem/protocol';
import type { MeBody, WidgetUser } from './forms.js';

/** A refused or failed request: the HTTP status (0 when the network failed) and Chat's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: { field: string; code: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** `GET /v2/widget/bootstrap` (WidgetBootstrap in the protocol, read leniently). */
export interface Bootstrap {
  allowed: boolean;
  app_id?: string;
  team_available?: boolean;
  settings?: { upload_max_bytes?: unknown; widget_settings?: unknown; prechat?: unknown };
  message?: string;
}

export interface SessionStarted {
  session_token: string;
  expires_time: string;
  user: WidgetUser;
  restore_id?: string;
}

export type ConversationStatus = 'new' | 'assigned' | 'resolved' | 'reopened';

export interface WidgetConversation {
  id: string;
  status: ConversationStatus;
  last_seq: number;
  csat_offered: boolean;
  updated_time: string;
  /** Who answers (absent from servers before decision 0011). */
  assigned_agent?: { first_name: string; name: string; avatar_url: string | null } | null;
}

export interface FaqCategory {
  id: string;
  name: string;
  description: string | null;
  article_count: number;
}
export interface FaqArticleSummary {
  id: string;
  category_id: string;
  title: string;
  snippet?: string;
  category_name?: string;
}
export interface FaqArticle {
  id: string;
  category_id: string;
  title: string;
  /** Sanitized by Chat when it was saved. */
  body: string;
  feedback: { helpful: boolean } | null;
}

/** An uploaded file's answer: the part to send (`image{url}` or `file{…}`). */
export type UploadedPart = { image: { url: string } } | { file: { url: string; name: string } };

/**
 * The widget's REST client (`/v2/widget/…` on Chat's origin, which is the iframe's own). The
 * widget session token lives here, in memory; it is never posted to the page.
 */
export function createApi(base = '') {
  let token: string | undefined;

  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetch(base + path, { method, headers, ...(payload ? { body: payload } : {}) });
    } catch {
      throw new ApiError(0, 'network');
    }
    if (response.status === 204) return undefined as T;
    const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const details = Array.isArray(data.details) ? (data.details as ApiError['details']) : [];
      throw new ApiError(response.status, typeof data.message === 'string' ? data.message : '', details);
    }
    return data as T;
  };
  const q = (params: Record<string, string | number | undefined>) =>
    new URLSearchParams(
      Object.entries(params)
        .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
        .map(([k, v]) => [k, String(v)]),
    ).toString();
  const id = encodeURIComponent;

  return {
    setToken: (value: string | undefined) => {
      token = value;
    },
    token: () => token,
    bootstrap: (widgetToken: string, siteId: string) =>
      request<Bootstrap>('GET', `/v2/widget/bootstrap?${q({ token: widgetToken, site_id: siteId })}`),
    startSession: (body: Record<string, unknown>) =>
      request<SessionStarted>('POST', '/v2/widget/sessions', body),
    endSession: () => request<void>('DELETE', '/v2/widget/sessions/current'),
    me: () => request<WidgetUser>('GET', '/v2/widget/me'),
    updateMe: (body: MeBody) => request<WidgetUser>('PUT', '/v2/widget/me', body),
    latestConversation: async () =>
      (await request<{ conversations: WidgetConversation[] }>('GET', '/v2/widget/conversations?limit=1'))
        .conversations[0],
    conversation: (conversationId: string) =>
      request<WidgetConversation>('GET', `/v2/widget/conversations/${id(conversationId)}`),
    messages: (conversationId: string, afterSeq: number, limit = 100) =>
      request<{ messages: UserMessage[]; next_after_seq: number | null }>(
        'GET',
        `/v2/widget/conversations/${id(conversationId)}/messages?${q({ after_seq: afterSeq, limit })}`,
      ),
    rate: (conversationId: string, rating: number, review: string) =>
      request<unknown>('POST', `/v2/widget/conversations/${id(conversationId)}/csat`, {
        rating,
        ...(review.trim() ? { review: review.trim() } : {}),
      }),
    upload: async (file: File): Promise<UploadedPart> => {
      const form = new FormData();
      form.append('file', file, file.name);
      const { id: _id, ...part } = await request<UploadedPart & { id: string }>(
        'POST',
        '/v2/widget/files/upload',
        form,
      );
      return part as UploadedPart;
    },
    faqCategories: (locale: string) =>
      request<{ categories: FaqCategory[] }>('GET', `/v2/widget/faq/categories?${q({ locale })}`),
    faqArticles: (categoryId: string) =>
      request<{ articles: FaqArticleSummary[] }>(
        'GET',
        `/v2/widget/faq/categories/${id(categoryId)}/articles?${q({ items_per_page: 50 })}`,
      ),
    faqArticle: (articleId: string) => request<FaqArticle>('GET', `/v2/widget/faq/articles/${id(articleId)}`),
    faqSearch: (term: string, locale: string) =>
      request<{ articles: FaqArticleSummary[] }>('GET', `/v2/widget/faq/search?${q({ q: term, locale })}`),
    faqFeedback: (articleId: string, helpful: boolean) =>
      request<unknown>('POST', `/v2/widget/faq/articles/${id(articleId)}/feedback`, { helpful }),
  };
}

export type Api = ReturnType<typeof createApi>;
