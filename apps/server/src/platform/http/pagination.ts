import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Page {
  page: number;
  per_page: number;
}

export const pageOffset = (p: Page) => (p.page - 1) * p.per_page;

/**
 * Fetch `per_page + 1` rows, then call this: it trims the extra row and sets the `Link` header
 * only when a next page exists, as Freshdesk does.
 */
export function paginate<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  rows: T[],
  p: Page,
  baseUrl: string,
): T[] {
  if (rows.length <= p.per_page) return rows;
  const url = new URL(request.url, baseUrl);
  url.searchParams.set('page', String(p.page + 1));
  url.searchParams.set('per_page', String(p.per_page));
  reply.header('link', `<${url.toString()}>; rel="next"`);
  return rows.slice(0, p.per_page);
}

/** The base URL for absolute links: configured, or derived from the request. */
export function baseUrlOf(request: FastifyRequest, configured: string | undefined): string {
  return configured ?? `${request.protocol}://${request.host}`;
}
