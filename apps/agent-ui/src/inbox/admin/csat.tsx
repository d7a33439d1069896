import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorText } from '../../shared/api.js';
import { useCatalogue, useI18n, type Catalogue } from '../../shared/i18n.js';
import { fullName } from '../chat-api.js';
import { useInbox } from '../inbox-context.js';
import { useAgents } from '../users.js';
import { commonText, Field, fieldErrorsOf, useFocusOnMount } from './account-common.js';
import { layoutCsatChart, periodLabel, type CsatPeriod } from './csat-chart.js';
import './csat.css';

type Interval = 'day' | 'week' | 'month';

const en = {
  title: 'CSAT report',
  intro: 'Ratings customers gave after a resolve (1 = very unhappy, 5 = very happy). Periods are in UTC.',
  filters: 'Report filters',
  from: 'From',
  to: 'To',
  interval: 'Period',
  'interval.day': 'Day',
  'interval.week': 'Week (from Monday)',
  'interval.month': 'Month',
  agent: 'Agent',
  allAgents: 'All agents',
  show: 'Show report',
  rangeInvalid: 'The end date should not be before the start date.',
  count: 'Ratings',
  average: 'Average',
  none: '—',
  distribution: 'Distribution',
  rating: 'Rating',
  stars: '{n} of 5',
  share: 'Share',
  overTime: 'Average rating over time',
  chartSummary:
    'Bar chart: the average rating per {interval}, from {first} to {last}; {empty} periods without ratings. The table after the chart lists the same figures.',
  period: 'Period starting',
  asTable: 'The same figures as a table',
  noRatingsInPeriod: 'no ratings',
  barTitle: '{date}: average {average} from {count} ratings',
  barTitleEmpty: '{date}: no ratings',
  byAgent: 'By agent',
  noAgent: 'No agent',
  someone: 'Unknown agent',
  empty: 'No ratings in this range.',
  updating: 'Updating…',
} as const;

const ja: Record<keyof typeof en, string> = {
  title: 'CSAT レポート',
  intro: '解決後に顧客が付けた評価（1 = とても不満、5 = とても満足）。期間は UTC です。',
  filters: 'レポートの条件',
  from: '開始日',
  to: '終了日',
  interval: '集計単位',
  'interval.day': '日',
  'interval.week': '週（月曜始まり）',
  'interval.month': '月',
  agent: 'エージェント',
  allAgents: 'すべてのエージェント',
  show: 'レポートを表示',
  rangeInvalid: '終了日は開始日以降にしてください。',
  count: '評価数',
  average: '平均',
  none: '—',
  distribution: '評価の分布',
  rating: '評価',
  stars: '5 段階中 {n}',
  share: '割合',
  overTime: '平均評価の推移',
  chartSummary:
    '棒グラフ：{interval}ごとの平均評価（{first} から {last}）。評価のない期間は {empty} 件。同じ数値をグラフの後の表に示します。',
  period: '期間の開始日',
  asTable: '同じ数値を表で見る',
  noRatingsInPeriod: '評価なし',
  barTitle: '{date}：平均 {average}（{count} 件）',
  barTitleEmpty: '{date}：評価なし',
  byAgent: 'エージェント別',
  noAgent: 'エージェントなし',
  someone: '不明なエージェント',
  empty: 'この期間の評価はありません。',
  updating: '更新中…',
};

const csatText = { en, ja } satisfies Catalogue<keyof typeof en>;

interface CsatReport {
  count: number;
  average: number | null;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  by_agent: { agent_id: string | null; count: number; average: number | null }[];
  by_period: CsatPeriod[];
}

interface Filters {
  from: string;
  to: string;
  interval: Interval;
  agentId: string;
}

/** A UTC calendar date `days` before today, as YYYY-MM-DD. */
const dayOffset = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** Admin > CSAT report: totals, distribution 1–5, by agent, and the average over time (SVG chart + table). */
export default function CsatScreen() {
  const t = useCatalogue(csatText);
  const c = useCatalogue(commonText);
  const { t: shared, language } = useI18n();
  const { client } = useInbox();
  const agents = useAgents();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [draft, setDraft] = useState<Filters>({
    from: dayOffset(29),
    to: dayOffset(0),
    interval: 'day',
    agentId: '',
  });
  const [filters, setFilters] = useState<Filters>(draft);
  const [rangeError, setRangeError] = useState(false);
  const report = useQuery({
    queryKey: ['admin', 'csat', filters],
    queryFn: () => {
      const query = new URLSearchParams({ interval: filters.interval });
      if (filters.from) query.set('from', filters.from);
      if (filters.to) query.set('to', filters.to);
      if (filters.agentId) query.set('agent_id', filters.agentId);
      return client.request<CsatReport>('GET', `/csat/report?${query}`);
    },
    placeholderData: keepPreviousData,
  });
  const errors = fieldErrorsOf(report.error);
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const agentName = (id: string | null) => {
    if (!id) return t('noAgent');
    const agent = agents.data?.get(id);
    return agent ? fullName(agent) || agent.email : t('someone');
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const bad = !!draft.from && !!draft.to && draft.from > draft.to;
    setRangeError(bad);
    if (!bad) setFilters(draft);
  }

  const data = report.data;
  return (
    <section className="admin-screen csat" aria-labelledby="csat-title">
      <h2 id="csat-title" tabIndex={-1} ref={heading}>
        {t('title')}
      </h2>
      <p className="hint">{t('intro')}</p>
      <form className="csat-filters" onSubmit={submit} aria-label={t('filters')} noValidate>
        <Field label={t('from')} error={errors.from}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={draft.from}
              onChange={(event) => setDraft({ ...draft, from: event.target.value })}
            />
          )}
        </Field>
        <Field label={t('to')} error={rangeError ? t('rangeInvalid') : errors.to}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={draft.to}
              onChange={(event) => setDraft({ ...draft, to: event.target.value })}
            />
          )}
        </Field>
        <Field label={t('interval')} error={errors.interval}>
          {(props) => (
            <select
              {...props}
              value={draft.interval}
              onChange={(event) => setDraft({ ...draft, interval: event.target.value as Interval })}
            >
              {(['day', 'week', 'month'] as const).map((value) => (
                <option key={value} value={value}>
                  {t(`interval.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('agent')} error={errors.agent_id}>
          {(props) => (
            <select
              {...props}
              value={draft.agentId}
              onChange={(event) => setDraft({ ...draft, agentId: event.target.value })}
            >
              <option value="">{t('allAgents')}</option>
              {[...(agents.data?.values() ?? [])].map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {fullName(agent) || agent.email}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="csat-submit">
          <button type="submit">{t('show')}</button>
        </div>
      </form>
      <p role="status" className="hint">
        {report.isFetching && !report.isPending ? t('updating') : ''}
      </p>
      {report.isPending ? (
        <p>{c('loading')}</p>
      ) : report.isError && Object.keys(errors).length === 0 ? (
        <p className="error" role="alert">
          {errorText(report.error, shared)}
        </p>
      ) : !data ? null : (
        <>
          <dl className="admin-counts" data-testid="csat-totals">
            <div>
              <dt>{t('count')}</dt>
              <dd data-testid="csat-count">{data.count}</dd>
            </div>
            <div>
              <dt>{t('average')}</dt>
              <dd data-testid="csat-average">
                {data.average === null ? t('none') : number.format(data.average)}
              </dd>
            </div>
          </dl>
          {data.count === 0 && <p>{t('empty')}</p>}
          <h3>{t('overTime')}</h3>
          <CsatChart series={data.by_period} interval={filters.interval} />
          <details className="csat-series-details">
            <summary>{t('asTable')}</summary>
            <div className="admin-table-wrap csat-series-table">
              <table className="admin-table" data-testid="csat-series">
                <caption className="visually-hidden">{t('overTime')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('period')}</th>
                    <th scope="col">{t('count')}</th>
                    <th scope="col">{t('average')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.by_period.map((period) => (
                    <tr key={period.date} className={period.count === 0 ? 'inactive' : undefined}>
                      <th scope="row">{period.date}</th>
                      <td>{period.count}</td>
                      <td>
                        {period.average === null ? t('noRatingsInPeriod') : number.format(period.average)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          <div className="csat-columns">
            <div>
              <h3 id="csat-distribution">{t('distribution')}</h3>
              <table className="admin-table csat-distribution" aria-labelledby="csat-distribution">
                <thead>
                  <tr>
                    <th scope="col">{t('rating')}</th>
                    <th scope="col">{t('count')}</th>
                    <th scope="col">{t('share')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(['5', '4', '3', '2', '1'] as const).map((rating) => {
                    const n = data.distribution[rating];
                    const share = data.count ? n / data.count : 0;
                    return (
                      <tr key={rating}>
                        <th scope="row">{t('stars', { n: rating })}</th>
                        <td>{n}</td>
                        <td>
                          <span className="csat-share">
                            <span className="csat-share-bar" aria-hidden="true">
                              <span style={{ width: `${share * 100}%` }} />
                            </span>
                            {percent.format(share)}
                          </span>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <div>
              <h3 id="csat-agents">{t('byAgent')}</h3>
              {data.by_agent.length === 0 ? (
                <p>{t('empty')}</p>
              ) : (
                <table className="admin-table" aria-labelledby="csat-agents">
                  <thead>
                    <tr>
                      <th scope="col">{t('agent')}</th>
                      <th scope="col">{t('count')}</th>
                      <th scope="col">{t('average')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.by_agent.map((row) => (
                      <tr key={row.agent_id ?? 'none'}>
                        <th scope="row">{agentName(row.agent_id)}</th>
                        <td>{row.count}</td>
                        <td>{row.average === null ? t('none') : number.format(row.average)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          </div>
        </>
      )}
    </section>
  );
}

/** The average per period as SVG bars on a 0–5 scale; described for screen readers, table below. */
function CsatChart({ series, interval }: { series: CsatPeriod[]; interval: Interval }) {
  const t = useCatalogue(csatText);
  const { language } = useI18n();
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const figure = useRef<HTMLElement>(null);
  // The newest periods matter most: on a narrow screen the chart opens scrolled to its end.
  useEffect(() => {
    if (figure.current) figure.current.scrollLeft = figure.current.scrollWidth;
  }, [series]);
  if (series.length === 0) return null;
  const layout = layoutCsatChart(series);
  const empty = series.filter((period) => period.count === 0).length;
  const intervalName = t(`interval.${interval}`).replace(/\s*[(（].*$/, '');
  return (
    // Focusable: on a phone the chart scrolls sideways, and keyboard users must be able to scroll it.
    <figure className="csat-chart" tabIndex={0} aria-label={t('overTime')} ref={figure}>
      <svg
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        style={{ minWidth: `${Math.min(layout.width, 1200)}px` }}
        role="img"
        aria-labelledby="csat-chart-title csat-chart-desc"
        data-testid="csat-chart"
      >
        <title id="csat-chart-title">{t('overTime')}</title>
        <desc id="csat-chart-desc">
          {t('chartSummary', {
            interval: intervalName,
            first: series[0]!.date,
            last: series.at(-1)!.date,
            empty,
          })}
        </desc>
        {layout.ticks.map((tick) => (
          <g key={tick.value} className="csat-tick">
            <line x1={layout.left} x2={layout.width - 4} y1={tick.y} y2={tick.y} />
            <text x={layout.left - 6} y={tick.y + 4} textAnchor="end">
              {tick.value}
            </text>
          </g>
        ))}
        <line
          className="csat-axis"
          x1={layout.left}
          x2={layout.width - 4}
          y1={layout.baseline}
          y2={layout.baseline}
        />
        {layout.bars.map((bar) => (
          <g
            key={bar.date}
            className={bar.count === 0 ? 'csat-bar csat-bar-empty' : 'csat-bar'}
            data-date={bar.date}
            data-count={bar.count}
            data-average={bar.average ?? ''}
          >
            <title>
              {bar.average === null
                ? t('barTitleEmpty', { date: bar.date })
                : t('barTitle', { date: bar.date, average: number.format(bar.average), count: bar.count })}
            </title>
            {bar.count === 0 ? (
              <line x1={bar.x} x2={bar.x + bar.width} y1={layout.baseline - 1} y2={layout.baseline - 1} />
            ) : (
              <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} rx={2} />
            )}
            {bar.labelled && (
              <text x={bar.x + bar.width / 2} y={layout.baseline + 16} textAnchor="middle">
                {periodLabel(bar.date, interval)}
              </text>
            )}
          </g>
        ))}
      </svg>
    </figure>
  );
}
