/** One period of the CSAT series as the report gives it (count 0 and average null when none). */
export interface CsatPeriod {
  date: string;
  count: number;
  average: number | null;
}

export interface ChartBar {
  date: string;
  count: number;
  average: number | null;
  x: number;
  width: number;
  /** Top of the bar; equal to the baseline for an empty period. */
  y: number;
  height: number;
  /** Whether its date is written under the axis (every nth, so labels never overlap). */
  labelled: boolean;
}

export interface ChartLayout {
  width: number;
  height: number;
  /** The plot area: left edge after the axis labels, baseline at the bottom. */
  left: number;
  top: number;
  baseline: number;
  bars: ChartBar[];
  /** Horizontal grid lines for ratings 1..5. */
  ticks: { value: number; y: number }[];
}

const SLOT = 28;
const MIN_WIDTH = 320;
const LABEL_WIDTH = 64;

/**
 * Bars of the average rating (0–5 scale) per period, in SVG user units: one slot per period
 * (the series is gapless, so the x axis is time), dates labelled at a step that leaves room.
 */
export function layoutCsatChart(series: CsatPeriod[], height = 220): ChartLayout {
  const left = 28;
  const top = 12;
  const bottom = 40;
  const width = Math.max(MIN_WIDTH, left + series.length * SLOT + 8);
  const baseline = height - bottom;
  const plot = baseline - top;
  const slot = series.length ? (width - left - 8) / series.length : 0;
  const step = Math.max(1, Math.ceil(LABEL_WIDTH / Math.max(slot, 1)));
  const bars = series.map((period, index) => {
    const barHeight = period.average === null ? 0 : (period.average / 5) * plot;
    return {
      ...period,
      x: left + index * slot + slot * 0.15,
      width: slot * 0.7,
      y: baseline - barHeight,
      height: barHeight,
      labelled: index % step === 0,
    };
  });
  const ticks = [1, 2, 3, 4, 5].map((value) => ({ value, y: baseline - (value / 5) * plot }));
  return { width, height, left, top, baseline, bars, ticks };
}

/** A short label for a period's first day: "11/24" for days and weeks, "2026-11" for months. */
export function periodLabel(date: string, interval: 'day' | 'week' | 'month'): string {
  if (interval === 'month') return date.slice(0, 7);
  return `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
}
