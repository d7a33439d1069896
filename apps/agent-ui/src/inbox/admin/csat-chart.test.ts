import { describe, expect, it } from 'vitest';
import { layoutCsatChart, periodLabel } from './csat-chart.js';

describe('CSAT chart layout', () => {
  const series = [
    { date: '2026-11-01', count: 2, average: 5 },
    { date: '2026-11-02', count: 0, average: null },
    { date: '2026-11-03', count: 1, average: 2.5 },
  ];

  it('draws bar heights in proportion to the average, empty periods as no bar', () => {
    const layout = layoutCsatChart(series, 220);
    const plot = layout.baseline - layout.top;
    expect(layout.bars.map((bar) => bar.height)).toEqual([plot, 0, plot / 2]);
    expect(layout.bars[1]!.y).toBe(layout.baseline);
    // Slots in time order, left to right, not overlapping.
    for (let i = 1; i < layout.bars.length; i += 1) {
      expect(layout.bars[i]!.x).toBeGreaterThan(layout.bars[i - 1]!.x + layout.bars[i - 1]!.width);
    }
    expect(layout.ticks.at(-1)).toEqual({ value: 5, y: layout.top });
  });

  it('labels every date when there is room, and every nth when crowded', () => {
    expect(layoutCsatChart(series).bars.every((bar) => bar.labelled)).toBe(true);
    const long = Array.from({ length: 90 }, (_, i) => ({ date: `d${i}`, count: 1, average: 3 }));
    const labelled = layoutCsatChart(long).bars.filter((bar) => bar.labelled);
    expect(labelled.length).toBeGreaterThan(10);
    expect(labelled.length).toBeLessThan(90);
  });

  it('writes short period labels', () => {
    expect(periodLabel('2026-11-04', 'day')).toBe('11/4');
    expect(periodLabel('2026-11-01', 'month')).toBe('2026-11');
  });
});
