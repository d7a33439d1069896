import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useCatalogue } from '../../shared/i18n.js';
import { api, ApiError, hasNextPage } from '../api.js';
import { Link, navigate, useLocation } from '../router.js';
import { InlineConfirm } from '../ui/confirm.js';
import { CompanyForm } from './company-form.js';
import { EVER, TicketRows } from './contact-page.js';
import { apiDelete, type Company, type Contact } from './contacts-api.js';
import { contactsText } from './contacts-text.js';
import { PagedRecords, RecordsHead } from './records.js';

const PER_PAGE = 30;

/** Companies: paged list, or a name search (Desk's autocomplete). */
export function CompanyList() {
  const t = useCatalogue(contactsText);
  const { params } = useLocation();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Math.floor(Number(params.get('page')) || 1));
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const hrefOf = (next: { q: string; page: number }) => {
    const search = new URLSearchParams();
    if (next.q) search.set('q', next.q);
    if (next.page > 1) search.set('page', String(next.page));
    const query = search.toString();
    return `/a/companies${query ? `?${query}` : ''}`;
  };
  const list = useQuery({
    queryKey: ['companies', 'list', q, page],
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<{
      rows: (Pick<Company, 'id' | 'name'> & Partial<Company>)[];
      hasNext: boolean;
    }> => {
      if (q.trim()) {
        const { data } = await api.get<{ companies: Pick<Company, 'id' | 'name'>[] }>(
          `/companies/autocomplete?name=${encodeURIComponent(q.trim())}`,
        );
        return { rows: data.companies, hasNext: false };
      }
      const { data, headers } = await api.get<Company[]>(`/companies?page=${page}&per_page=${PER_PAGE}`);
      return { rows: data, hasNext: hasNextPage(headers) };
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(hrefOf({ q: draft.trim(), page: 1 }));
  };

  return (
    <section className="desk-records" aria-labelledby="companies-title">
      <RecordsHead
        titleId="companies-title"
        title={t('companiesTitle')}
        newHref="/a/companies/new"
        newLabel={t('newCompany')}
      />
      <form className="records-filters" role="search" aria-label={t('search')} onSubmit={submit}>
        <div className="form-field">
          <label htmlFor="companies-q">{t('searchName')}</label>
          <input id="companies-q" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        </div>
        <div className="filter-actions">
          <button type="submit" className="primary">
            {t('search')}
          </button>
        </div>
      </form>
      <PagedRecords
        list={list}
        empty={t('noCompanies')}
        page={page}
        hrefOf={(p) => hrefOf({ q, page: p })}
        row={(company) => (
          <>
            <Link href={`/a/companies/${company.id}`} className="record-name">
              {company.name}
            </Link>
            {company.domains && company.domains.length > 0 && (
              <span className="meta">{company.domains.join(', ')}</span>
            )}
          </>
        )}
      />
    </section>
  );
}

export function NewCompany() {
  const t = useCatalogue(contactsText);
  return (
    <section className="desk-records" aria-labelledby="company-new-title">
      <p>
        <Link href="/a/companies">{t('backToCompanies')}</Link>
      </p>
      <h1 id="company-new-title">{t('newCompany')}</h1>
      <CompanyForm
        onSaved={(company) => navigate(`/a/companies/${company.id}`)}
        onCancel={() => navigate('/a/companies')}
      />
    </section>
  );
}

/** A company: its fields and domains, its contacts and tickets; edit and delete. */
export function CompanyPage({ id }: { id: number }) {
  const t = useCatalogue(contactsText);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const company = useQuery({
    queryKey: ['companies', id],
    queryFn: async () => (await api.get<Company>(`/companies/${id}`)).data,
  });
  const contacts = useQuery({
    queryKey: ['contacts', 'list', 'company', id],
    queryFn: async () => (await api.get<Contact[]>(`/contacts?company_id=${id}&per_page=100`)).data,
  });
  const remove = useMutation({
    mutationFn: () => apiDelete(`/companies/${id}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['companies'] });
      navigate('/a/companies');
    },
    onSettled: () => setConfirming(false),
  });

  if (company.isPending) return <p role="status">{t('loading')}</p>;
  if (company.isError)
    return (
      <p className="error" role="alert">
        {company.error instanceof ApiError && company.error.status === 404
          ? t('notFound')
          : t('failed', { message: company.error.message })}
      </p>
    );
  const c = company.data;
  const rows: [string, string | null][] = [
    [t('domains'), c.domains.join(', ')],
    [t('description'), c.description],
    [t('notes'), c.note],
    [t('healthScore'), c.health_score],
    [t('accountTier'), c.account_tier],
    [t('renewalDate'), c.renewal_date?.slice(0, 10) ?? null],
    [t('industry'), c.industry],
  ];

  return (
    <section className="desk-records" aria-labelledby="company-title">
      <p>
        <Link href="/a/companies">{t('backToCompanies')}</Link>
      </p>
      <h1 id="company-title">{t('companyTitle', { name: c.name })}</h1>
      {editing ? (
        <CompanyForm company={c} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
      ) : (
        <>
          <div className="record-actions">
            <button type="button" onClick={() => setEditing(true)}>
              {t('edit')}
            </button>
            <InlineConfirm
              questionId="company-delete-q"
              question={t('deleteCompanyConfirm')}
              confirming={confirming}
              setConfirming={setConfirming}
              onConfirm={() => remove.mutate()}
            />
          </div>
          {remove.isError && (
            <p className="error" role="alert">
              {t('failed', { message: remove.error.message })}
            </p>
          )}
          <section aria-labelledby="company-profile" className="record-section">
            <h2 id="company-profile">{t('profile')}</h2>
            <dl className="record-fields">
              {rows.map(([label, value]) => (
                <div key={label} className="record-field">
                  <dt>{label}</dt>
                  <dd>{value || t('notSet')}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section aria-labelledby="company-contacts" className="record-section">
            <h2 id="company-contacts">{t('contactsOfCompany')}</h2>
            {contacts.isPending && <p role="status">{t('loading')}</p>}
            {contacts.data?.length === 0 && <p>{t('noContactsOfCompany')}</p>}
            {contacts.data && contacts.data.length > 0 && (
              <ul className="record-rows">
                {contacts.data.map((contact) => (
                  <li key={contact.id} className="record-row">
                    <Link href={`/a/contacts/${contact.id}`} className="record-name">
                      {contact.name}
                    </Link>
                    {contact.email && <span className="meta">{contact.email}</span>}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <TicketRows
            path={`/tickets?company_id=${c.id}&per_page=100&updated_since=${EVER}`}
            label={t('ticketsOf', { name: c.name })}
          />
        </>
      )}
    </section>
  );
}
