import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { baseUrlOf } from '../../platform/http/pagination.js';
import type { ChatContext } from '../context.js';

/** `page` and `items_per_page` (default 20, max 50), as chat-v2.md B1. */
export const pageQuery = {
  page: z.coerce
    .number()
    .int('It should be a positive integer')
    .min(1, 'It should be a positive integer')
    .default(1),
  items_per_page: z.coerce
    .number()
    .int('It should be an integer from 1 to 50')
    .min(1, 'It should be an integer from 1 to 50')
    .max(50, 'It should be an integer from 1 to 50')
    .default(20),
};

export interface PageRequest {
  page: number;
  items_per_page: number;
}

export const pageLimitOffset = (p: PageRequest) => ({
  limit: p.items_per_page,
  offset: (p.page - 1) * p.items_per_page,
});

/**
 * The list envelope of chat-v2.md B1: `{<resource>: [...], pagination, links}`. Links keep the
 * request's filters; next/previous appear only when such a page exists.
 */
export function pageEnvelope<K extends string, T>(
  ctx: ChatContext,
  request: FastifyRequest,
  resource: K,
  items: T[],
  p: PageRequest,
  total: number,
) {
  const totalPages = Math.max(1, Math.ceil(total / p.items_per_page));
  const link = (page: number) => {
    const url = new URL(request.url, baseUrlOf(request, ctx.services.config.publicUrl));
    url.searchParams.set('page', String(page));
    url.searchParams.set('items_per_page', String(p.items_per_page));
    return { href: url.toString(), rel: 'self', type: 'GET' as const };
  };
  return {
    [resource]: items,
    pagination: {
      current_page: p.page,
      items_per_page: p.items_per_page,
      total_items: total,
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
