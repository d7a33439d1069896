import { describe, expect, it } from 'vitest';
import { fill } from '../../shared/i18n.js';
import type { ConversionField } from '../chat-api.js';
import { causeText, fieldOfProblem } from './convert-causes.js';
import { convertText, type ConvertKey } from './convert-text.js';

const field = (name: string, type: string, label = name): ConversionField => ({
  name,
  label,
  type,
  choices: null,
  required: true,
  editable: true,
  mapped_from: null,
  value: null,
});
const en = (key: ConvertKey, params?: Record<string, string | number>) => fill(convertText.en[key], params);
const ja = (key: ConvertKey, params?: Record<string, string | number>) => fill(convertText.ja[key], params);

describe('a refused conversion in plain words', () => {
  it('names the required field by its label, in English and Japanese', () => {
    const explanation = { cause: 'required_field_missing', message: 'x', field: 'cf_order' };
    const fields = [field('cf_order', 'custom_text', 'Order number')];
    expect(causeText(en, explanation, fields, 'en')).toBe(
      'The helpdesk requires “Order number”: fill it and try again.',
    );
    expect(causeText(ja, explanation, fields, 'ja')).toContain('「Order number」');
  });

  it('quotes a refused email and says when a rate limit lifts', () => {
    expect(causeText(en, { cause: 'invalid_email', message: 'x', value: 'bob@example' }, [], 'en')).toContain(
      '“bob@example”',
    );
    const limited = causeText(
      en,
      { cause: 'rate_limited', message: 'x', retry_at: '2026-11-24T15:04:05Z' },
      [],
      'en',
    );
    expect(limited).toMatch(/try again at Nov 24, 2026, \d{1,2}:04:05/);
  });

  it('explains the key owner’s demotion, and falls back for causes it does not know', () => {
    expect(causeText(en, { cause: 'not_admin', message: 'x' }, [], 'en')).toContain(
      'no longer an administrator',
    );
    expect(causeText(en, { cause: 'something_new', message: 'x' }, [], 'en')).toBe(
      'The helpdesk refused the ticket.',
    );
  });

  it('puts a problem next to its shown field, a refused email next to the requester', () => {
    const shown = [field('subject', 'default_subject'), field('requester', 'default_requester')];
    expect(fieldOfProblem({ cause: 'validation_failed', message: 'x', field: 'subject' }, shown)).toBe(
      'subject',
    );
    expect(fieldOfProblem({ cause: 'invalid_email', message: 'x', field: 'email' }, shown)).toBe('requester');
    expect(fieldOfProblem({ cause: 'required_field_missing', message: 'x', field: 'cf_hidden' }, shown)).toBe(
      undefined,
    );
  });
});
