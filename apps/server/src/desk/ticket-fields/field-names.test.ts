import { describe, expect, it } from 'vitest';
import { firstFreeName, slugOfLabel } from './field-names.js';

describe('slugOfLabel', () => {
  it('lowercases and joins words with underscores', () => {
    expect(slugOfLabel('Refund Reason')).toBe('refund_reason');
    expect(slugOfLabel('  Order #  (ID)!  ')).toBe('order_id');
    expect(slugOfLabel('Version 2.0')).toBe('version_2_0');
  });

  it('drops accents and folds full-width letters to ASCII', () => {
    expect(slugOfLabel('Café Größe')).toBe('cafe_grosse');
    expect(slugOfLabel('Ｏｒｄｅｒ')).toBe('order');
  });

  it('gives labels without ASCII letters a valid name', () => {
    expect(slugOfLabel('理由')).toBe('field');
    expect(slugOfLabel('!!!')).toBe('field');
    expect(slugOfLabel('理由 2')).toBe('2');
  });

  it('caps long labels at 40 characters without a trailing underscore', () => {
    const slug = slugOfLabel(`${'a'.repeat(39)} b`);
    expect(slug).toBe('a'.repeat(39));
    expect(slugOfLabel('x'.repeat(100))).toHaveLength(40);
  });
});

describe('firstFreeName', () => {
  it('returns the base when free, else the first free numbered suffix', () => {
    expect(firstFreeName('cf_a', [])).toBe('cf_a');
    expect(firstFreeName('cf_a', ['cf_a'])).toBe('cf_a_2');
    expect(firstFreeName('cf_a', ['cf_a', 'cf_a_2', 'cf_a_4'])).toBe('cf_a_3');
    expect(firstFreeName('cf_a', ['cf_ab'])).toBe('cf_a');
  });
});
