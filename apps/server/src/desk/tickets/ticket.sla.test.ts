import { describe, expect, it } from 'vitest';
import { dueDates, statsForStatus } from './ticket.sla.js';

const t0 = new Date('2026-01-01T00:00:00Z');
const h = (n: number) => new Date(t0.getTime() + n * 3600_000);
const empty = {
  status_updated_at: null,
  pending_since: null,
  resolved_at: null,
  closed_at: null,
  reopened_at: null,
};

describe('dueDates', () => {
  it('defaults both from the SLA by priority', () => {
    expect(dueDates(4, t0, {})).toEqual({ dueBy: h(4), frDueBy: h(1) });
    expect(dueDates(1, t0, {})).toEqual({ dueBy: h(72), frDueBy: h(24) });
  });
  it('keeps given values and clamps the defaulted one', () => {
    expect(dueDates(1, t0, { dueBy: h(2) })).toEqual({ dueBy: h(2), frDueBy: h(2) });
    expect(dueDates(4, t0, { frDueBy: h(10) })).toEqual({ dueBy: h(10), frDueBy: h(10) });
    expect(dueDates(4, t0, { dueBy: h(9), frDueBy: h(3) })).toEqual({ dueBy: h(9), frDueBy: h(3) });
  });
});

describe('statsForStatus', () => {
  it('no change leaves the stats alone', () => {
    expect(statsForStatus(empty, 2, 2, t0)).toEqual({});
  });
  it('pending sets pending_since; leaving pending clears it', () => {
    expect(statsForStatus(empty, 2, 3, t0)).toEqual({ status_updated_at: t0, pending_since: t0 });
    expect(statsForStatus({ ...empty, pending_since: t0 }, 3, 2, h(1))).toEqual({
      status_updated_at: h(1),
      pending_since: null,
    });
  });
  it('closing sets closed_at and resolved_at; reopening sets reopened_at', () => {
    expect(statsForStatus(empty, 2, 5, t0)).toMatchObject({ closed_at: t0, resolved_at: t0 });
    expect(statsForStatus({ ...empty, resolved_at: t0 }, 4, 5, h(1))).toEqual({
      status_updated_at: h(1),
      pending_since: null,
      closed_at: h(1),
    });
    expect(statsForStatus(empty, 5, 2, h(2))).toMatchObject({ reopened_at: h(2) });
  });
});
