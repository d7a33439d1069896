import type { FastifyRequest } from 'fastify';
import { PageError } from './respond.js';

/** A form post's fields; a repeated name keeps every value, in order. */
export type FormValues = Record<string, string | string[]>;

/** Parses an `application/x-www-form-urlencoded` body (what HTML forms send). */
export function parseFormBody(body: string): FormValues {
  const values: FormValues = Object.create(null) as FormValues;
  for (const [name, value] of new URLSearchParams(body)) {
    const existing = values[name];
    if (existing === undefined) values[name] = value;
    else values[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return values;
}

/** The request's form fields (empty when the body was not a form). */
export function formOf(request: FastifyRequest): FormValues {
  const body = request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const values: FormValues = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') values[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
      values[name] = value as string[];
  }
  return values;
}

/** One string from a form or query field (the first when repeated), or ''. */
export function stringOf(source: unknown, name: string): string {
  if (!source || typeof source !== 'object') return '';
  const value = (source as Record<string, unknown>)[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** The `:id` of a page URL; anything but a plausible id is a 404, like an unknown one. */
export function pageId(request: FastifyRequest): number {
  const raw = stringOf(request.params, 'id');
  if (!/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) throw new PageError('not_found');
  return Number(raw);
}

/** A 1-based page number from the query (1 when absent or odd; capped). */
export function pageNumber(request: FastifyRequest, max = 50): number {
  const raw = stringOf(request.query, 'page');
  const n = /^\d{1,4}$/.test(raw) ? Number(raw) : 1;
  return Math.min(Math.max(n, 1), max);
}
