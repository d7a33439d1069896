import { fieldError } from '../../../platform/http/errors.js';
import type { ChatContext } from '../../context.js';
import { averageOf } from '../csat.presenter.js';
import { csatByAgent, csatByPeriod, csatDistribution } from '../csat.repository.js';
import type { CsatReportQuery } from '../csat.schemas.js';
import { periodsBetween, periodStart } from '../periods.js';

/** More periods than a chart can show; the caller picks a longer interval or a shorter range. */
export const MAX_REPORT_PERIODS = 1000;

/**
 * The CSAT report: count, average, distribution of ratings 1–5, per agent and per UTC period
 * (`interval`: day, week or month; only the breakdown named by `group_by` when given).
 * `by_period` is a gapless series: every period from `from` (else the first rating) to `to`
 * (else the last rating), with `count: 0, average: null` where nothing was rated.
 */
export async function buildCsatReport(ctx: ChatContext, query: CsatReportQuery) {
  const filters = { from: query.from, to: query.to, agentId: query.agent_id };
  const wantAgents = query.group_by !== 'day';
  const wantPeriods = query.group_by !== 'agent';
  const [ratings, agents, periods] = await Promise.all([
    csatDistribution(ctx.db, filters),
    wantAgents ? csatByAgent(ctx.db, filters) : undefined,
    wantPeriods ? csatByPeriod(ctx.db, filters, query.interval) : undefined,
  ]);
  const distribution: Record<'1' | '2' | '3' | '4' | '5', number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let count = 0;
  let sum = 0;
  for (const row of ratings) {
    const n = Number(row.count);
    distribution[String(row.rating) as keyof typeof distribution] = n;
    count += n;
    sum += n * row.rating;
  }
  return {
    count,
    average: averageOf(sum, count),
    distribution,
    ...(agents
      ? {
          by_agent: agents.map((row) => ({
            agent_id: row.agent_id,
            count: Number(row.count),
            average: averageOf(Number(row.sum), Number(row.count)),
          })),
        }
      : {}),
    ...(periods ? { by_period: gaplessSeries(query, periods) } : {}),
  };
}

function gaplessSeries(
  query: CsatReportQuery,
  rows: { date: string; count: number | string; sum: number | string }[],
) {
  const found = new Map(rows.map((row) => [row.date, row]));
  // `to` is exclusive: its period is the one holding the instant before it.
  const first = query.from ? periodStart(query.from, query.interval) : rows[0]?.date;
  const last = query.to ? periodStart(new Date(query.to.getTime() - 1), query.interval) : rows.at(-1)?.date;
  if (!first || !last) return [];
  const starts = periodsBetween(first, last, query.interval, MAX_REPORT_PERIODS);
  if (!starts)
    throw fieldError(
      'interval',
      'invalid_value',
      `The range holds more than ${MAX_REPORT_PERIODS} periods of one ${query.interval}; choose a longer interval or a shorter range`,
    );
  return starts.map((date) => {
    const row = found.get(date);
    const n = Number(row?.count ?? 0);
    return { date, count: n, average: averageOf(Number(row?.sum ?? 0), n) };
  });
}
