import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useCatalogue } from '../shared/i18n.js';
import { api, type Me, type Ticket } from './api.js';
import { choicesOf, labelOf, useTicketFields } from './fields.js';
import { useI18n } from './i18n-context.js';
import type { DeskKey } from './messages.js';
import { Link, navigate, useLocation } from './router.js';
import { ticketText } from './tickets/ticket-text.js';
import './tickets/tickets.css';

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
}

function readState(params: URLSearchParams): ListState {
  const view = (VIEWS as readonly string[]).includes(params.get('view') ?? '')
    ? (params.get('view') as View)
    : 'open';
  const sort = (params.get('sort') ?? '') in SORTS ? (params.get('sort') as Sort) : 'created_desc';
  const num = (name: string) => (/^\d+$/.test(params.get(name) ?? '') ? params.get(name)! : '');
  return { view, status: num('status'), priority: num('priority'), group: num('group'), sort };
}

function hrefOf(state: ListState): string {
  const params = new URLSearchParams();
  if (state.view !== 'open') params.set('view', state.view);
  for (const name of ['status', 'priority', 'group'] as const) if (state[name]) params.set(name, state[name]);
  if (state.sort !== 'created_desc') params.set('sort', state.sort);
  const query = params.toString();
  return `/a/${query ? `?${query}` : ''}`;
}

const VIEW_STATUSES: Partial<Record<View, number[]>> = { open: [2], mine: [2, 3], unassigned: [2, 3] };

/**
 * The GET /tickets query of a view plus filters, keyset-paged (Desk's `cursor` extension), or
 * null when the filters exclude every ticket (a status outside the view's statuses).
 */
export function listQuery(state: ListState, me: Pick<Me, 'id'>): URLSearchParams | null {
  const [orderBy, orderType] = SORTS[state.sort];
  const search = new URLSearchParams({
    order_by: orderBy,
    order_type: orderType,
    per_page: String(PER_PAGE),
  });
  let statuses = VIEW_STATUSES[state.view];
  if (state.status) {
    const chosen = Number(state.status);
    if (statuses && !statuses.includes(chosen)) return null;
    statuses = [chosen];
  }
  if (statuses) search.set('status', statuses.join(','));
  if (state.view === 'mine') search.set('responder_id', String(me.id));
  if (state.view === 'unassigned') search.set('responder_id', 'none');
  if (state.view === 'deleted') search.set('filter', 'deleted');
  if (state.priority) search.set('priority', state.priority);
  if (state.group) search.set('group_id', state.group);
  return search;
}

/** The `cursor` of a Link header's rel="next" URL, if another page follows. */
const nextCursor = (headers: Headers) => {
  const link = /<([^>]+)>\s*;\s*rel="?next"?/.exec(headers.get('link') ?? '');
  return link
    ? (new URL(link[1]!, window.location.origin).searchParams.get('cursor') ?? undefined)
    : undefined;
};

interface ListPage {
  tickets: Ticket[];
  next: string | undefined;
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
  const tt = useCatalogue(ticketText);
  const query = listQuery(state, me);

  const list = useInfiniteQuery({
    queryKey: ['tickets', state, me.id],
    placeholderData: keepPreviousData,
    initialPageParam: '',
    getNextPageParam: (last: ListPage) => last.next,
    queryFn: async ({ pageParam }): Promise<ListPage> => {
      if (query === null) return { tickets: [], next: undefined };
      const search = new URLSearchParams(query);
      search.set('cursor', pageParam);
      const { data, headers } = await api.get<Ticket[]>(`/tickets?${search}`);
      return { tickets: data, next: nextCursor(headers) };
    },
  });
  const tickets = list.data?.pages.flatMap((p) => p.tickets) ?? [];

  const go = (patch: Partial<ListState>) => navigate(hrefOf({ ...state, ...patch }));

  return (
    <section className="tickets" aria-labelledby="tickets-title">
      <h1 id="tickets-title">{t('ticketsTitle')}</h1>
      <nav aria-label={t('views')} className="views">
        <ul>
          {VIEWS.map((view) => (
            <li key={view}>
              <Link href={hrefOf({ ...state, view })} aria-current={state.view === view ? 'page' : undefined}>
                {t(VIEW_LABELS[view])}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form className="filters" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          label={t('status')}
          any={t('any')}
          value={state.status}
          choices={statuses}
          onChange={(status) => go({ status })}
        />
        <FilterSelect
          label={t('priority')}
          any={t('any')}
          value={state.priority}
          choices={priorities}
          onChange={(priority) => go({ priority })}
        />
        <FilterSelect
          label={t('group')}
          any={t('any')}
          value={state.group}
          choices={groups}
          onChange={(group) => go({ group })}
        />
        <label>
          <span>{t('sort')}</span>
          <select value={state.sort} onChange={(e) => go({ sort: e.target.value as Sort })}>
            {(Object.keys(SORTS) as Sort[]).map((sort) => (
              <option key={sort} value={sort}>
                {t(SORTS[sort][2])}
              </option>
            ))}
          </select>
        </label>
      </form>

      {list.isPending && <p role="status">{t('loading')}</p>}
      {list.isError && (
        <p className="error" role="alert">
          {t('genericError', { message: list.error.message })}
        </p>
      )}
      {list.data && tickets.length === 0 && <p>{t('noTickets')}</p>}
      {tickets.length > 0 && (
        <ul className="ticket-rows" aria-busy={list.isFetching}>
          {tickets.map((ticket) => (
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
      {tickets.length > 0 && (
        <div className="load-more">
          <p role="status">
            {list.hasNextPage
              ? tt('shown', { count: tickets.length })
              : tt('allShown', { count: tickets.length })}
          </p>
          {list.hasNextPage && (
            <button
              type="button"
              disabled={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {list.isFetchingNextPage ? tt('loadingMore') : tt('loadMore')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

/** One filter of the list: "any" first, then the field's choices. */
function FilterSelect(props: {
  label: string;
  any: string;
  value: string;
  choices: { value: string | number; label: string }[];
  onChange(value: string): void;
}) {
  return (
    <label>
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.any}</option>
        {props.choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
