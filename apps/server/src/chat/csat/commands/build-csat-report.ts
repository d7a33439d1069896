import type { ChatContext } from '../../context.js';
import { averageOf } from '../csat.presenter.js';
import { csatByAgent, csatByDay, csatDistribution } from '../csat.repository.js';
import type { CsatReportQuery } from '../csat.schemas.js';

/**
 * The CSAT report: count, average, distribution of ratings 1–5, and per agent and per UTC day
 * (only the breakdown named by `group_by` when given).
 */
export async function buildCsatReport(ctx: ChatContext, query: CsatReportQuery) {
  const filters = { from: query.from, to: query.to, agentId: query.agent_id };
  const wantAgents = query.group_by !== 'day';
  const wantDays = query.group_by !== 'agent';
  const [ratings, agents, days] = await Promise.all([
    csatDistribution(ctx.db, filters),
    wantAgents ? csatByAgent(ctx.db, filters) : undefined,
    wantDays ? csatByDay(ctx.db, filters) : undefined,
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
    ...(days
      ? {
          by_period: days.map((row) => ({
            date: row.date,
            count: Number(row.count),
            average: averageOf(Number(row.sum), Number(row.count)),
          })),
        }
      : {}),
  };
}
