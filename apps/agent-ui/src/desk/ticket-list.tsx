import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, hasNextPage, type Me, type Ticket } from './api.js';
import { choicesOf, labelOf, useTicketFields } from './fields.js';
import { useI18n } from './i18n-context.js';
import type { DeskKey } from './messages.js';
import { Link, navigate, useLocation } from './router.js';

const VIEWS = ['open', 'mine', 'unassigned', 'all', 'deleted'] as const;
type View = (typeof VIEWS)[number];
const VIEW_LABELS: Record<View, DeskKey> = {
  open: 'viewOpen',
  mine: 'viewMine',
  unassigned: 'viewUnassigned',
  all: 'viewAll',
  deleted: 'viewDeleted',
};
const SORTS = {
  created_desc: ['created_at', 'desc', 'sortCreatedDesc'],
  created_asc: ['created_at', 'asc', 'sortCreatedAsc'],
  updated_desc: ['updated_at', 'desc', 'sortUpdatedDesc'],
  due_asc: ['due_by', 'asc', 'sortDueAsc'],
} as const;
type Sort = keyof typeof SORTS;
const PER_PAGE = 30;

interface ListState {
  view: View;
  status: string;
  priority: string;
  group: string;
  sort: Sort;
  page: number;
}

function readState(params: URLSearchParams): ListState {
  const view = (VIEWS as readonly string[]).includes(params.get('view') ?? '')
    ? (params.get('view') as View)
    : 'open';
  const sort = (params.get('sort') ?? '') in SORTS ? (params.get('sort') as Sort) : 'created_desc';
  const page = Math.max(1, Math.floor(Number(params.get('page')) || 1));
  const num = (name: string) => (/^\d+$/.test(params.get(name) ?? '') ? params.get(name)! : '');
  return { view, status: num('status'), priority: num('priority'), group: num('group'), sort, page };
}

function hrefOf(state: ListState): string {
  const params = new URLSearchParams();
  if (state.view !== 'open') params.set('view', state.view);
  for (const name of ['status', 'priority', 'group'] as const) if (state[name]) params.set(name, state[name]);
  if (state.sort !== 'created_desc') params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  const query = params.toString();
  return `/a/${query ? `?${query}` : ''}`;
}

/**
 * The filter-query search expression for a view plus filters, or null when the plain list
 * (GET /tickets, which sorts and pages with Link headers) can answer it.
 */
function searchQuery(state: ListState, me: Me): string | null {
  const parts: string[] = [];
  if (state.view === 'open') parts.push('status:2');
  if (state.view === 'mine') parts.push(`agent_id:${me.id}`, '(status:2 OR status:3)');
  if (state.view === 'unassigned') parts.push('agent_id:null', '(status:2 OR status:3)');
  if (state.status) parts.push(`status:${state.status}`);
  if (state.priority) parts.push(`priority:${state.priority}`);
  if (state.group) parts.push(`group_id:${state.group}`);
  return parts.length === 0 ? null : parts.join(' AND ');
}

interface ListPage {
  tickets: Ticket[];
  hasNext: boolean;
  total?: number;
}

export function TicketList({ me }: { me: Me }) {
  const { t } = useI18n();
  const { params } = useLocation();
  const state = readState(params);
  const fields = useTicketFields();
  const statuses = choicesOf(fields.data, 'default_status', t);
  const priorities = choicesOf(fields.data, 'default_priority', t);
  const groups = choicesOf(fields.data, 'default_group', t);
  const agents = choicesOf(fields.data, 'default_agent', t);
  const isDeleted = state.view === 'deleted';
  const query = isDeleted ? null : searchQuery(state, me);

  const list = useQuery({
    queryKey: ['tickets', state, query],
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<ListPage> => {
      if (query !== null) {
        const page = Math.min(state.page, 10);
        const { data } = await api.get<{ results: Ticket[]; total: number }>(
          `/search/tickets?query=${encodeURIComponent(`"${query}"`)}&page=${page}`,
        );
        return { tickets: data.results, total: data.total, hasNext: page * 30 < data.total && page < 10 };
      }
      const [orderBy, orderType] = SORTS[state.sort];
      const search = new URLSearchParams({
        order_by: orderBy,
        order_type: orderType,
        page: String(state.page),
        per_page: String(PER_PAGE),
      });
      if (isDeleted) search.set('filter', 'deleted');
      const { data, headers } = await api.get<Ticket[]>(`/tickets?${search}`);
      return { tickets: data, hasNext: hasNextPage(headers) };
    },
  });

  const go = (patch: Partial<ListState>) => navigate(hrefOf({ ...state, page: 1, ...patch }));
  const pages = list.data?.total !== undefined ? Math.max(1, Math.ceil(list.data.total / 30)) : undefined;

  return (
    <section className="tickets" aria-labelledby="tickets-title">
      <h1 id="tickets-title">{t('ticketsTitle')}</h1>
      <nav aria-label={t('views')} className="views">
        <ul>
          {VIEWS.map((view) => (
            <li key={view}>
              <Link
                href={hrefOf({ ...state, view, page: 1 })}
                aria-current={state.view === view ? 'page' : undefined}
              >
                {t(VIEW_LABELS[view])}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form className="filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('status')}</span>
          <select value={state.status} disabled={isDeleted} onChange={(e) => go({ status: e.target.value })}>
            <option value="">{t('any')}</option>
            {statuses.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('priority')}</span>
          <select
            value={state.priority}
            disabled={isDeleted}
            onChange={(e) => go({ priority: e.target.value })}
          >
            <option value="">{t('any')}</option>
            {priorities.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('group')}</span>
          <select value={state.group} disabled={isDeleted} onChange={(e) => go({ group: e.target.value })}>
            <option value="">{t('any')}</option>
            {groups.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('sort')}</span>
          <select
            value={state.sort}
            disabled={query !== null}
            aria-describedby={query !== null ? 'sort-note' : undefined}
            onChange={(e) => go({ sort: e.target.value as Sort })}
          >
            {(Object.keys(SORTS) as Sort[]).map((sort) => (
              <option key={sort} value={sort}>
                {t(SORTS[sort][2])}
              </option>
            ))}
          </select>
        </label>
        {query !== null && (
          <p id="sort-note" className="hint">
            {t('sortNote')}
          </p>
        )}
      </form>

      {list.isPending && <p role="status">{t('loading')}</p>}
      {list.isError && (
        <p className="error" role="alert">
          {t('genericError', { message: list.error.message })}
        </p>
      )}
      {list.data && list.data.tickets.length === 0 && <p>{t('noTickets')}</p>}
      {list.data && list.data.tickets.length > 0 && (
        <ul className="ticket-rows" aria-busy={list.isFetching}>
          {list.data.tickets.map((ticket) => (
            <li key={ticket.id} className="ticket-row">
              <Link href={`/a/tickets/${ticket.id}`} className="ticket-subject">
                <span className="ticket-id">#{ticket.id}</span> {ticket.subject}
              </Link>
              <span className={`badge status-${ticket.status}`}>
                <span className="visually-hidden">{t('status')}: </span>
                {labelOf(statuses, ticket.status)}
              </span>
              <span className="meta">
                <span className="visually-hidden">{t('priority')}: </span>
                {labelOf(priorities, ticket.priority)}
              </span>
              <span className="meta">
                <span className="visually-hidden">{t('agent')}: </span>
                {ticket.responder_id == null ? t('unassigned') : labelOf(agents, ticket.responder_id)}
              </span>
              {ticket.group_id != null && (
                <span className="meta">
                  <span className="visually-hidden">{t('group')}: </span>
                  {labelOf(groups, ticket.group_id)}
                </span>
              )}
              <time className="meta" dateTime={ticket.updated_at}>
                <span className="visually-hidden">{t('updated')}: </span>
                {new Date(ticket.updated_at).toLocaleString()}
              </time>
            </li>
          ))}
        </ul>
      )}
      {list.data && (state.page > 1 || list.data.hasNext) && (
        <nav
          className="pager"
          aria-label={
            pages
              ? t('pageOfTotal', { page: state.page, pages, total: list.data.total ?? 0 })
              : t('pageOf', { page: state.page })
          }
        >
          {state.page > 1 ? (
            <Link href={hrefOf({ ...state, page: state.page - 1 })} rel="prev">
              {t('previous')}
            </Link>
          ) : (
            <span />
          )}
          <span>
            {pages
              ? t('pageOfTotal', { page: state.page, pages, total: list.data.total ?? 0 })
              : t('pageOf', { page: state.page })}
          </span>
          {list.data.hasNext ? (
            <Link href={hrefOf({ ...state, page: state.page + 1 })} rel="next">
              {t('next')}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </section>
  );
}
