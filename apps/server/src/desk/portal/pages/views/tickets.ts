import type { FieldError } from '../../../../platform/http/errors.js';
import type { FieldDef, PortalTicket, PortalTicketSummary } from '../../../tickets/index.js';
import { csrfField, errorSummary, field, type FieldSpec } from '../form.js';
import { html, trustedHtml, type SafeHtml } from '../html.js';
import { formatDate, type Language, type MessageKey, type Translate } from '../i18n.js';
import type { PageInput } from '../layout.js';

const ticketHref = (id: number) => `/support/tickets/${id}`;

/** Built-in statuses in the reader's language; custom statuses keep the label admins gave them. */
const STATUS_KEYS: Record<number, MessageKey> = {
  2: 'statusOpen',
  3: 'statusPending',
  4: 'statusResolved',
  5: 'statusClosed',
};

function statusText(t: Translate, ticket: PortalTicketSummary): string {
  const key = STATUS_KEYS[ticket.status];
  return key ? t(key) : ticket.status_label || t('statusOther');
}

/** "My tickets": the signed-in contact's tickets, newest first. */
export function myTicketsPage(t: Translate, lang: Language, tickets: PortalTicketSummary[]): PageInput {
  return {
    title: t('myTicketsTitle'),
    nav: 'tickets',
    body:
      tickets.length === 0
        ? html`<p>${t('noTickets')}</p>
            <p><a class="button" href="/support/tickets/new">${t('navSubmitTicket')}</a></p>`
        : html`<table>
            <caption class="vh">
              ${t('myTicketsTitle')}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t('ticketSubject')}</th>
                <th scope="col">${t('ticketStatus')}</th>
                <th scope="col">${t('ticketCreated')}</th>
                <th scope="col">${t('ticketUpdated')}</th>
              </tr>
            </thead>
            <tbody>
              ${tickets.map(
                (ticket) =>
                  html`<tr>
                    <td>
                      <a href="${ticketHref(ticket.id)}"
                        >${ticket.subject || t('ticketNumber', { id: ticket.id })}</a
                      >
                    </td>
                    <td>${statusText(t, ticket)}</td>
                    <td>${formatDate(new Date(ticket.created_at), lang)}</td>
                    <td>${formatDate(new Date(ticket.updated_at), lang)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`,
  };
}

/** The element id of a form input (input names may hold dots: `custom_fields.cf_x`). */
export const inputId = (key: string) => `field-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** Field types the portal form can show; the rest (agent, group, product…) stay agent-side. */
const INPUT_TYPES: Record<string, FieldSpec['type']> = {
  default_subject: 'text',
  default_description: 'textarea',
  default_ticket_type: 'select',
  default_priority: 'select',
  custom_text: 'text',
  custom_paragraph: 'textarea',
  custom_checkbox: 'checkbox',
  custom_number: 'number',
  custom_decimal: 'decimal',
  custom_date: 'date',
  custom_dropdown: 'select',
};

/** The fields a customer fills in on the new-ticket form, with the input type for each. */
export function formFields(fields: FieldDef[]): (FieldDef & { input: FieldSpec['type'] })[] {
  return fields
    .filter((f) => f.customers_can_edit && INPUT_TYPES[f.type] !== undefined)
    .map((f) => ({ ...f, input: INPUT_TYPES[f.type]! }));
}

function choicesOf(f: FieldDef): { value: string; label: string }[] {
  if (Array.isArray(f.choices)) return f.choices.map((c) => ({ value: c, label: c }));
  // Priority: {label: value}.
  return Object.entries(f.choices).map(([label, value]) => ({ value: String(value), label }));
}

/** A field error in the reader's language, by what went wrong and the kind of input. */
export function errorText(t: Translate, error: FieldError, input: FieldSpec['type'] | undefined): string {
  if (error.code === 'missing_field') return t('fieldRequired');
  if (/maximum of \d+ characters/.test(error.message)) return t('fieldTooLong');
  if (input === 'select') return t('fieldChoice');
  if (input === 'number') return t('fieldNumber');
  if (input === 'decimal') return t('fieldDecimal');
  if (input === 'date') return t('fieldDate');
  return t('fieldInvalid');
}

const CHECKED = new Set(['true', 'on', '1', 'yes']);

const valueOf = (values: Record<string, string | string[] | undefined>, key: string): string => {
  const v = values[key];
  return (Array.isArray(v) ? v[v.length - 1] : v) ?? '';
};

/**
 * The new-ticket form built from the customer-facing ticket fields. After a failed submit it
 * shows every typed value again, an error summary, and each message next to its field.
 */
export function newTicketPage(
  t: Translate,
  input: {
    fields: FieldDef[];
    csrfToken: string;
    values: Record<string, string | string[] | undefined>;
    errors: FieldError[];
  },
): PageInput {
  const fields = formFields(input.fields);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const summary = input.errors.map((e) => {
    const f = byKey.get(e.field);
    return {
      id: f ? inputId(f.key) : 'new-ticket-form',
      label: f?.label_for_customers ?? e.field,
      message: errorText(t, e, f?.input),
    };
  });
  const errorFor = (key: string) => summary[input.errors.findIndex((e) => e.field === key)]?.message ?? null;
  return {
    title: t('newTicketTitle'),
    nav: 'new-ticket',
    body: html`${errorSummary(t, summary)}
      <p>${t('newTicketIntro')}</p>
      <form method="post" action="/support/tickets/new" id="new-ticket-form" novalidate>
        ${csrfField(input.csrfToken)}
        ${fields.map((f) =>
          field(t, {
            id: inputId(f.key),
            name: f.key,
            label: f.label_for_customers,
            type: f.input,
            value: valueOf(input.values, f.key),
            checked: f.input === 'checkbox' && CHECKED.has(valueOf(input.values, f.key)),
            required: f.required_for_customers,
            hint: f.default ? null : f.description,
            error: errorFor(f.key),
            choices: f.input === 'select' ? choicesOf(f) : undefined,
          }),
        )}
        <button class="button" type="submit">${t('submitTicket')}</button>
      </form>`,
  };
}

function message(
  t: Translate,
  lang: Language,
  from: string,
  date: string,
  body: string,
  incoming: boolean,
): SafeHtml {
  return html`<article class="message${incoming ? '' : ' support'}">
    <header>${t('postedAt', { name: from, date: formatDate(new Date(date), lang) })}</header>
    <div class="article">
      ${
        // Ticket descriptions and conversation bodies are sanitized when written.
        trustedHtml(body)
      }
    </div>
  </article>`;
}

/** One of the contact's tickets: its public conversation and a reply box. */
export function ticketPage(
  t: Translate,
  lang: Language,
  ticket: PortalTicket,
  input: { csrfToken: string; contactName: string; reply: string; replyError: string | null },
): PageInput {
  const errors = input.replyError
    ? [{ id: 'reply-body', label: t('replyLabel'), message: input.replyError }]
    : [];
  return {
    title: ticket.subject || t('ticketNumber', { id: ticket.id }),
    nav: 'tickets',
    body: html`${errorSummary(t, errors)}
      <p>
        <span class="muted">${t('ticketNumber', { id: ticket.id })}</span> · ${t('ticketStatus')}:
        <strong>${statusText(t, ticket)}</strong>
      </p>
      ${
        ticket.custom_fields.length > 0
          ? html`<dl>
              ${ticket.custom_fields.map(
                (f) =>
                  html`<dt>${f.label}</dt>
                    <dd>
                      ${typeof f.value === 'boolean' ? (f.value ? t('voteYes') : t('voteNo')) : String(f.value)}
                    </dd>`,
              )}
            </dl>`
          : ''
      }
      <h2>${t('conversation')}</h2>
      ${message(t, lang, input.contactName, ticket.created_at, ticket.description, true)}
      ${ticket.conversations.map((c) =>
        message(
          t,
          lang,
          c.incoming ? c.author_name : `${c.author_name} (${t('fromSupport')})`,
          c.created_at,
          c.body,
          c.incoming,
        ),
      )}
      <h2 id="reply-title">${t('replyTitle')}</h2>
      <form method="post" action="${ticketHref(ticket.id)}" aria-labelledby="reply-title" novalidate>
        ${csrfField(input.csrfToken)}
        ${field(t, { id: 'reply-body', name: 'body', label: t('replyLabel'), type: 'textarea', value: input.reply, required: true, error: input.replyError })}
        <button class="button" type="submit">${t('sendReply')}</button>
      </form>`,
  };
}
