import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useCatalogue } from '../../shared/i18n.js';
import { api, ApiError, type Ticket } from '../api.js';
import { choicesOf, labelOf, useTicketFields } from '../fields.js';
import { useI18n } from '../i18n-context.js';
import { Link, navigate } from '../router.js';
import { InlineConfirm } from '../ui/confirm.js';
import { ContactForm } from './contact-form.js';
import { apiDelete, type Company, type Contact } from './contacts-api.js';
import { contactsText } from './contacts-text.js';

/** A new contact's form. */
export function NewContact() {
  const t = useCatalogue(contactsText);
  return (
    <section className="desk-records" aria-labelledby="contact-new-title">
      <p>
        <Link href="/a/contacts">{t('backToContacts')}</Link>
      </p>
      <h1 id="contact-new-title">{t('newContact')}</h1>
      <ContactForm
        onSaved={(contact) => navigate(`/a/contacts/${contact.id}`)}
        onCancel={() => navigate('/a/contacts')}
      />
    </section>
  );
}

/**
 * `updated_since` for ticket lists that must show every ticket: without it Desk (like Freshdesk)
 * lists only tickets created in the last 30 days.
 */
export const EVER = '1970-01-01T00:00:00Z';

/** Tickets as rows linking to the ticket page, with their status. */
export function TicketRows({ path, label }: { path: string; label: string }) {
  const t = useCatalogue(contactsText);
  const desk = useI18n();
  const statuses = choicesOf(useTicketFields().data, 'default_status', desk.t);
  const tickets = useQuery({
    queryKey: ['tickets', 'of', path],
    queryFn: async () => (await api.get<Ticket[]>(path)).data,
  });
  return (
    <section aria-label={label} className="record-section">
      <h2>{t('tickets')}</h2>
      {tickets.isPending && <p role="status">{t('loading')}</p>}
      {tickets.isError && (
        <p className="error" role="alert">
          {t('failed', { message: tickets.error.message })}
        </p>
      )}
      {tickets.data?.length === 0 && <p>{t('noTickets')}</p>}
      {tickets.data && tickets.data.length > 0 && (
        <ul className="record-rows">
          {tickets.data.map((ticket) => (
            <li key={ticket.id} className="record-row">
              <Link href={`/a/tickets/${ticket.id}`} className="record-name">
                #{ticket.id} {ticket.subject}
              </Link>
              <span className={`badge status-${ticket.status}`}>
                <span className="visually-hidden">{t('status')}: </span>
                {labelOf(statuses, ticket.status)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A contact: profile, company, tickets; edit in place, delete to the trash and restore. */
export function ContactPage({ id }: { id: number }) {
  const t = useCatalogue(contactsText);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const contact = useQuery({
    queryKey: ['contacts', id],
    queryFn: async () => (await api.get<Contact>(`/contacts/${id}`)).data,
  });
  const companyId = contact.data?.company_id;
  const company = useQuery({
    queryKey: ['companies', companyId],
    enabled: companyId != null,
    queryFn: async () => (await api.get<Company>(`/companies/${companyId}`)).data,
  });
  const trash = useMutation({
    mutationFn: async (restore: boolean) => {
      if (restore) await api.put(`/contacts/${id}/restore`);
      else await apiDelete(`/contacts/${id}`);
    },
    onSettled: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
  useEffect(() => {
    if (!editing && saved) headingRef.current?.focus();
  }, [editing, saved]);

  if (contact.isPending) return <p role="status">{t('loading')}</p>;
  if (contact.isError)
    return (
      <p className="error" role="alert">
        {contact.error instanceof ApiError && contact.error.status === 404
          ? t('notFound')
          : t('failed', { message: contact.error.message })}
      </p>
    );
  const c = contact.data;
  const rows: [string, string | null | undefined][] = [
    [t('email'), c.email],
    [t('phone'), c.phone],
    [t('mobile'), c.mobile],
    [t('twitter'), c.twitter_id],
    [t('externalId'), c.unique_external_id],
    [t('jobTitle'), c.job_title],
    [t('address'), c.address],
    [t('about'), c.description],
    [t('language'), c.language],
    [t('timeZone'), c.time_zone],
    [t('tags'), c.tags.join(', ')],
    [t('status'), c.active ? t('active') : t('inactive')],
  ];

  return (
    <section className="desk-records" aria-labelledby="contact-title">
      <p>
        <Link href="/a/contacts">{t('backToContacts')}</Link>
      </p>
      <h1 id="contact-title" ref={headingRef} tabIndex={-1}>
        {t('contactTitle', { name: c.name })}
      </h1>
      {c.deleted && (
        <p className="notice" role="status">
          {t('deletedNotice')}
        </p>
      )}
      {saved && !editing && (
        <p className="success" role="status">
          {t('saved')}
        </p>
      )}
      {editing ? (
        <ContactForm
          contact={c}
          onSaved={() => {
            setSaved(true);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <div className="record-actions">
            <button type="button" onClick={() => (setSaved(false), setEditing(true))}>
              {t('edit')}
            </button>
            {c.deleted ? (
              <button type="button" onClick={() => trash.mutate(true)} disabled={trash.isPending}>
                {t('restore')}
              </button>
            ) : (
              <InlineConfirm
                questionId="contact-delete-q"
                question={t('deleteContactConfirm')}
                confirming={confirming}
                setConfirming={setConfirming}
                onConfirm={() => trash.mutate(false)}
              />
            )}
          </div>
          {trash.isError && (
            <p className="error" role="alert">
              {t('failed', { message: trash.error.message })}
            </p>
          )}
          <section aria-labelledby="contact-profile" className="record-section">
            <h2 id="contact-profile">{t('profile')}</h2>
            <dl className="record-fields">
              <div className="record-field">
                <dt>{t('company')}</dt>
                <dd>
                  {c.company_id == null ? (
                    t('notSet')
                  ) : (
                    <Link href={`/a/companies/${c.company_id}`}>
                      {company.data?.name ?? `#${c.company_id}`}
                    </Link>
                  )}
                </dd>
              </div>
              {rows.map(([label, value]) => (
                <div key={label} className="record-field">
                  <dt>{label}</dt>
                  <dd>{value || t('notSet')}</dd>
                </div>
              ))}
              {Object.entries(c.custom_fields).map(([name, value]) => (
                <div key={name} className="record-field">
                  <dt>{name}</dt>
                  <dd>{value == null || value === '' ? t('notSet') : String(value)}</dd>
                </div>
              ))}
            </dl>
          </section>
          <TicketRows
            path={`/tickets?requester_id=${c.id}&per_page=100&updated_since=${EVER}`}
            label={t('ticketsOf', { name: c.name })}
          />
        </>
      )}
    </section>
  );
}
