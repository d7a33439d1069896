import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useCatalogue } from '../../shared/i18n.js';
import { api, hasNextPage } from '../api.js';
import { Link, navigate, useLocation } from '../router.js';
import { useCompanyChoices, type Contact } from './contacts-api.js';
import { contactsText, type ContactsKey } from './contacts-text.js';
import { PagedRecords, RecordsHead } from './records.js';

const STATES = ['', 'verified', 'unverified', 'blocked', 'deleted'] as const;
const STATE_LABELS: Record<(typeof STATES)[number], ContactsKey> = {
  '': 'stateAll',
  verified: 'stateVerified',
  unverified: 'stateUnverified',
  blocked: 'stateBlocked',
  deleted: 'stateDeleted',
};
const PER_PAGE = 30;

interface Filters {
  q: string;
  email: string;
  company: string;
  state: string;
  page: number;
}

function readFilters(params: URLSearchParams): Filters {
  const state = params.get('state') ?? '';
  return {
    q: params.get('q') ?? '',
    email: params.get('email') ?? '',
    company: /^\d+$/.test(params.get('company') ?? '') ? params.get('company')! : '',
    state: (STATES as readonly string[]).includes(state) ? state : '',
    page: Math.max(1, Math.floor(Number(params.get('page')) || 1)),
  };
}

function hrefOf(filters: Filters) {
  const params = new URLSearchParams();
  for (const key of ['q', 'email', 'company', 'state'] as const)
    if (filters[key]) params.set(key, filters[key]);
  if (filters.page > 1) params.set('page', String(filters.page));
  const query = params.toString();
  return `/a/contacts${query ? `?${query}` : ''}`;
}

type Row = Pick<Contact, 'id' | 'name'> & Partial<Contact>;

/**
 * Contacts: a name search (Desk's autocomplete: start of a name or email) or the filtered,
 * paged list (email, company, state) that GET /contacts answers.
 */
export function ContactList() {
  const t = useCatalogue(contactsText);
  const { params } = useLocation();
  const filters = readFilters(params);
  const [draft, setDraft] = useState(filters);
  // Back, forward and the top-bar link change the URL: the form shows what the list shows.
  const search = params.toString();
  useEffect(() => setDraft(readFilters(new URLSearchParams(search))), [search]);
  const companies = useCompanyChoices();

  const list = useQuery({
    queryKey: ['contacts', 'list', filters],
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<{ rows: Row[]; hasNext: boolean }> => {
      if (filters.q.trim()) {
        const { data } = await api.get<Row[]>(
          `/contacts/autocomplete?term=${encodeURIComponent(filters.q.trim())}`,
        );
        return { rows: data, hasNext: false };
      }
      const search = new URLSearchParams({ page: String(filters.page), per_page: String(PER_PAGE) });
      if (filters.email) search.set('email', filters.email);
      if (filters.company) search.set('company_id', filters.company);
      if (filters.state) search.set('state', filters.state);
      const { data, headers } = await api.get<Contact[]>(`/contacts?${search}`);
      return { rows: data, hasNext: hasNextPage(headers) };
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(hrefOf({ ...draft, page: 1 }));
  };
  const companyName = (id: number | null | undefined) =>
    id == null ? undefined : companies.data?.find((c) => c.id === id)?.name;

  return (
    <section className="desk-records" aria-labelledby="contacts-title">
      <RecordsHead
        titleId="contacts-title"
        title={t('contactsTitle')}
        newHref="/a/contacts/new"
        newLabel={t('newContact')}
      />
      <form className="records-filters" role="search" aria-label={t('search')} onSubmit={submit}>
        <div className="form-field">
          <label htmlFor="contacts-q">{t('searchName')}</label>
          <input
            id="contacts-q"
            type="search"
            value={draft.q}
            aria-describedby="contacts-q-hint"
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
          <p id="contacts-q-hint" className="hint">
            {t('searchNameHint')}
          </p>
        </div>
        <div className="form-field">
          <label htmlFor="contacts-email">{t('filterEmail')}</label>
          <input
            id="contacts-email"
            type="email"
            value={draft.email}
            onChange={(e) => setDraft({ ...draft, email: e.target.value })}
          />
        </div>
        <div className="form-field">
          <label htmlFor="contacts-company">{t('filterCompany')}</label>
          <select
            id="contacts-company"
            value={draft.company}
            onChange={(e) => setDraft({ ...draft, company: e.target.value })}
          >
            <option value="">{t('any')}</option>
            {companies.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="contacts-state">{t('filterState')}</label>
          <select
            id="contacts-state"
            value={draft.state}
            onChange={(e) => setDraft({ ...draft, state: e.target.value })}
          >
            {STATES.map((state) => (
              <option key={state} value={state}>
                {t(STATE_LABELS[state])}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit" className="primary">
            {t('search')}
          </button>
          <button
            type="button"
            onClick={() => {
              const empty = { q: '', email: '', company: '', state: '', page: 1 };
              setDraft(empty);
              navigate(hrefOf(empty));
            }}
          >
            {t('clear')}
          </button>
        </div>
      </form>

      <PagedRecords
        list={list}
        empty={t('noContacts')}
        page={filters.page}
        hrefOf={(page) => hrefOf({ ...filters, page })}
        row={(contact) => (
          <>
            <Link href={`/a/contacts/${contact.id}`} className="record-name">
              {contact.name}
            </Link>
            {contact.email && <span className="meta">{contact.email}</span>}
            {companyName(contact.company_id) && (
              <span className="meta">
                <span className="visually-hidden">{t('company')}: </span>
                {companyName(contact.company_id)}
              </span>
            )}
            {contact.deleted && <span className="badge">{t('stateDeleted')}</span>}
          </>
        )}
      />
    </section>
  );
}
