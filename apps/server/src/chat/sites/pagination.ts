import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { baseUrlOf } from '../../platform/http/pagination.js';

/** Page-number pagination of Chat list endpoints (chat-v2.md B1): default 20 per page, at most 50. */
export const chatPaginationQuery = {
  page: z.coerce
    .number()
    .int('It should be a/an Positive Integer')
    .min(1, 'It should be a/an Positive Integer')
    .default(1),
  items_per_page: z.coerce
    .number()
    .int('It should be a Positive Integer less than or equal to 50')
    .min(1, 'It should be a Positive Integer less than or equal to 50')
    .max(50, 'It should be a Positive Integer less than or equal to 50')
    .default(20),
};

export interface ChatPage {
  page: number;
  items_per_page: number;
}

export const chatPageOffset = (p: ChatPage) => (p.page - 1) * p.items_per_page;

/**
 * The list envelope `{<resource>: [...], pagination, links}`; each link keeps the request's
 * filters and changes only the page. Links to pages that do not exist are left out.
 */
export function chatListEnvelope<K extends string, T>(
  request: FastifyRequest,
  publicUrl: string | undefined,
  key: K,
  items: T[],
  p: ChatPage,
  totalItems: number,
) {
  const totalPages = Math.max(1, Math.ceil(totalItems / p.items_per_page));
  const link = (page: number) => {
    const url = new URL(request.url, baseUrlOf(request, publicUrl));
    url.searchParams.set('page', String(page));
    url.searchParams.set('items_per_page', String(p.items_per_page));
    return { href: url.toString(), rel: 'self', type: 'GET' as const };
  };
  return {
    [key]: items,
    pagination: {
      current_page: p.page,
      items_per_page: p.items_per_page,
      total_items: totalItems,
      total_pages: totalPages,
    },
    links: {
      first_page: link(1),
      last_page: link(totalPages),
      ...(p.page < totalPages ? { next_page: link(p.page + 1) } : {}),
      ...(p.page > 1 ? { previous_page: link(Math.min(p.page - 1, totalPages)) } : {}),
    },
  } as { [P in K]: T[] } & {
    pagination: { current_page: number; items_per_page: number; total_items: number; total_pages: number };
    links: Record<string, { href: string; rel: string; type: 'GET' }>;
  };
}
