import { describe, expect, it } from 'vitest';
import { choicesOf, controlOf, draftOf, dropDraft, inputOf, keepDraft, valueOf } from './convert-fields.js';

describe('convert dialog fields', () => {
  it('picks the control for each helpdesk field type', () => {
    expect(controlOf('default_subject')).toBe('text');
    expect(controlOf('custom_paragraph')).toBe('paragraph');
    expect(controlOf('custom_number')).toBe('number');
    expect(controlOf('custom_decimal')).toBe('decimal');
    expect(controlOf('custom_checkbox')).toBe('checkbox');
    expect(controlOf('custom_date')).toBe('date');
    expect(controlOf('custom_dropdown')).toBe('select');
    expect(controlOf('default_priority')).toBe('select');
  });

  it('lists dropdown choices and name → id choices (status lists by id)', () => {
    expect(choicesOf({ choices: ['Free', 'Pro'] })).toEqual([
      { label: 'Free', value: 'Free' },
      { label: 'Pro', value: 'Pro' },
    ]);
    expect(choicesOf({ choices: { Low: 1, High: 3 } })).toEqual([
      { label: 'Low', value: '1' },
      { label: 'High', value: '3' },
    ]);
    expect(choicesOf({ choices: { '2': ['Open', 'Being processed'] } })).toEqual([
      { label: 'Open', value: '2' },
    ]);
    expect(choicesOf({ choices: null })).toEqual([]);
  });

  it('round-trips values: numbers as numbers, checkboxes as booleans, empty as null', () => {
    const number = { type: 'custom_number', choices: null };
    expect(inputOf(number, 42)).toBe('42');
    expect(valueOf(number, '42')).toBe(42);
    expect(valueOf(number, '  ')).toBeNull();
    const check = { type: 'custom_checkbox', choices: null };
    expect(inputOf(check, true)).toBe(true);
    expect(valueOf(check, false)).toBe(false);
    expect(inputOf({ type: 'custom_date' }, '2026-11-24T00:00:00Z')).toBe('2026-11-24');
    const priority = { type: 'default_priority', choices: { Low: 1, High: 3 } };
    expect(inputOf(priority, 3)).toBe('3');
    expect(valueOf(priority, '3')).toBe(3);
    const plan = { type: 'custom_dropdown', choices: ['1', 'Pro'] };
    expect(valueOf(plan, '1')).toBe('1');
    expect(inputOf({ type: 'default_subject' }, null)).toBe('');
  });

  it('keeps a draft per conversation until dropped', () => {
    keepDraft('c1', { mode: 'existing', ticketId: 7, values: { subject: 'Typed' } });
    expect(draftOf('c1')).toEqual({ mode: 'existing', ticketId: 7, values: { subject: 'Typed' } });
    expect(draftOf('c2')).toBeUndefined();
    dropDraft('c1');
    expect(draftOf('c1')).toBeUndefined();
  });
});
