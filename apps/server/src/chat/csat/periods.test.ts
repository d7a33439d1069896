import { describe, expect, it } from 'vitest';
import { nextPeriod, periodsBetween, periodStart } from './periods.js';

describe('CSAT report periods (UTC)', () => {
  it('starts days, ISO weeks (Monday) and months', () => {
    const sunday = new Date('2026-11-29T23:59:59Z');
    expect(periodStart(sunday, 'day')).toBe('2026-11-29');
    expect(periodStart(sunday, 'week')).toBe('2026-11-23');
    expect(periodStart(new Date('2026-11-23T00:00:00Z'), 'week')).toBe('2026-11-23');
    expect(periodStart(sunday, 'month')).toBe('2026-11-01');
    // A week may start in the previous year.
    expect(periodStart(new Date('2027-01-01T12:00:00Z'), 'week')).toBe('2026-12-28');
  });

  it('steps over month and year ends', () => {
    expect(nextPeriod('2026-11-30', 'day')).toBe('2026-12-01');
    expect(nextPeriod('2026-12-28', 'week')).toBe('2027-01-04');
    expect(nextPeriod('2026-12-01', 'month')).toBe('2027-01-01');
    expect(nextPeriod('2027-01-01', 'month')).toBe('2027-02-01');
  });

  it('lists every period in a range, refusing more than the maximum', () => {
    expect(periodsBetween('2026-10-01', '2027-01-01', 'month', 10)).toEqual([
      '2026-10-01',
      '2026-11-01',
      '2026-12-01',
      '2027-01-01',
    ]);
    expect(periodsBetween('2026-11-01', '2026-11-01', 'day', 1)).toEqual(['2026-11-01']);
    expect(periodsBetween('2026-11-01', '2026-11-03', 'day', 2)).toBeUndefined();
  });
});
