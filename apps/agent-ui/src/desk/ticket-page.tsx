import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import {
  api,
  ApiError,
  type Conversation,
  type FieldError,
  type Me,
  type Ticket,
  type TicketField,
} from './api.js';
import { choicesOf, useTicketFields, type Choice } from './fields.js';
import { useI18n } from './i18n-context.js';
import { Link } from './router.js';

/** Plain text as the HTML body the API expects: escaped, one paragraph per blank-line block. */
export function textToHtml(text: string): string {
  const escape = (s: string) =>
    s.replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
    );
  return text
    .trim()
    .split(/\n{2,}/)
    .map((block) => `<p>${escape(block).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export function TicketPage({ id, me }: { id: number; me: Me }) {
  const { t } = useI18n();
  const ticket = useQuery({
    queryKey: ['ticket', id],
    queryFn: async () => (await api.get<Ticket>(`/tickets/${id}?include=requester`)).data,
  });
  const conversations = useQuery({
    queryKey: ['ticket', id, 'conversations'],
    queryFn: async () => (await api.get<Conversation[]>(`/tickets/${id}/conversations?per_page=100`)).data,
  });
  const fields = useTicketFields();

  if (ticket.isPending) return <p role="status">{t('loading')}</p>;
  if (ticket.isError) {
    const missing = ticket.error instanceof ApiError && [403, 404].includes(ticket.error.status);
    return (
      <section>
        <Link href="/a/">{t('backToList')}</Link>
        <p className="error" role="alert">
          {missing ? t('notFound') : t('genericError', { message: ticket.error.message })}
        </p>
      </section>
    );
  }
  const data = ticket.data;
  return (
    <article className="ticket-page" aria-labelledby="ticket-title">
      <p>
        <Link href="/a/">{t('backToList')}</Link>
      </p>
      <h1 id="ticket-title">
        <span className="ticket-id">{t('ticketTitle', { id: data.id })}</span> {data.subject}
      </h1>
      {data.deleted && <p className="notice">{t('deletedTicket')}</p>}
      <div className="ticket-layout">
        <div className="ticket-main">
          <section aria-labelledby="thread-title">
            <h2 id="thread-title">{t('conversation')}</h2>
            <ol className="thread">
              <li className="message incoming">
                <p className="message-meta">
                  {data.requester?.name ?? t('requester')} ·{' '}
                  <time dateTime={data.created_at}>{new Date(data.created_at).toLocaleString()}</time>
                </p>
                <div className="message-body">{data.description_text}</div>
              </li>
              {(conversations.data ?? []).map((c) => (
                <li
                  key={c.id}
                  className={`message ${c.private ? 'note' : c.incoming ? 'incoming' : 'outgoing'}`}
                >
                  <p className="message-meta">
                    {c.private ? t('privateNote') : c.incoming ? t('incoming') : t('outgoing')}
                    {c.user_id === me.id ? ` (${me.name})` : ''} ·{' '}
                    <time dateTime={c.created_at}>{new Date(c.created_at).toLocaleString()}</time>
                  </p>
                  <div className="message-body">{c.body_text}</div>
                </li>
              ))}
            </ol>
            {conversations.isPending && <p role="status">{t('loading')}</p>}
          </section>
          {!data.deleted && <ReplyForm ticketId={id} />}
        </div>
        {fields.data && <PropertiesPanel ticket={data} fields={fields.data} />}
      </div>
    </article>
  );
}

function ReplyForm({ ticketId }: { ticketId: number }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [text, setText] = useState('');
  const [done, setDone] = useState(false);
  const send = useMutation({
    mutationFn: async (input: { mode: 'reply' | 'note'; text: string }) =>
      input.mode === 'reply'
        ? api.post(`/tickets/${ticketId}/reply`, { body: textToHtml(input.text) })
        : api.post(`/tickets/${ticketId}/notes`, { body: textToHtml(input.text), private: true }),
    onSuccess: async () => {
      setText('');
      setDone(true);
      await client.invalidateQueries({ queryKey: ['ticket', ticketId] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    setDone(false);
    send.mutate({ mode, text });
  };
  const bodyError =
    send.error instanceof ApiError ? send.error.fieldErrors.find((e) => e.field === 'body') : undefined;

  return (
    <section aria-labelledby="reply-title" className="card reply">
      <h2 id="reply-title">{t('replyOrNote')}</h2>
      <form onSubmit={submit}>
        <fieldset className="mode">
          <legend className="visually-hidden">{t('replyOrNote')}</legend>
          <label>
            <input
              type="radio"
              name="mode"
              checked={mode === 'reply'}
              onChange={() => {
                setMode('reply');
                setDone(false);
              }}
            />
            {t('reply')}
          </label>
          <label>
            <input
              type="radio"
              name="mode"
              checked={mode === 'note'}
              onChange={() => {
                setMode('note');
                setDone(false);
              }}
            />
            {t('privateNote')}
          </label>
        </fieldset>
        <label htmlFor="reply-body" className="visually-hidden">
          {mode === 'reply' ? t('replyLabel') : t('noteLabel')}
        </label>
        <textarea
          id="reply-body"
          rows={6}
          value={text}
          className={mode === 'note' ? 'note-input' : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setDone(false);
          }}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={send.error ? 'reply-error' : undefined}
        />
        {send.error && (
          <p id="reply-error" className="error" role="alert">
            {bodyError?.message ?? t('genericError', { message: send.error.message })}
          </p>
        )}
        {done && (
          <p className="success" role="status">
            {t('sent')}
          </p>
        )}
        <button type="submit" className="primary" disabled={send.isPending || text.trim() === ''}>
          {send.isPending ? t('sending') : mode === 'reply' ? t('sendReply') : t('addNote')}
        </button>
      </form>
    </section>
  );
}

type Draft = Record<string, string | boolean>;

const DEFAULT_CONTROLS: Record<string, string> = {
  default_status: 'status',
  default_priority: 'priority',
  default_group: 'group_id',
  default_agent: 'responder_id',
};

function draftOf(ticket: Ticket, fields: TicketField[]): Draft {
  const draft: Draft = {};
  for (const [, attr] of Object.entries(DEFAULT_CONTROLS)) {
    const value = ticket[attr as 'status'];
    draft[attr] = value == null ? '' : String(value);
  }
  for (const field of fields.filter((f) => !f.default)) {
    const value = ticket.custom_fields?.[field.name];
    draft[field.name] =
      field.type === 'custom_checkbox' ? value === true : value == null ? '' : String(value);
  }
  return draft;
}

/** A custom field's control value as the API takes it. */
function apiValue(field: TicketField, value: string | boolean): unknown {
  if (field.type === 'custom_checkbox') return value === true;
  const text = String(value);
  if (text.trim() === '') return null;
  if (field.type === 'custom_number') return Number.isInteger(Number(text)) ? Number(text) : text;
  if (field.type === 'custom_decimal') return Number.isFinite(Number(text)) ? Number(text) : text;
  return text;
}

/**
 * Status, priority, group, agent and the custom fields. Only what the agent changed is sent;
 * field errors appear under their controls and the draft is kept until a save succeeds.
 */
function PropertiesPanel({ ticket, fields }: { ticket: Ticket; fields: TicketField[] }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(ticket, fields));
  const [original, setOriginal] = useState<Draft>(() => draftOf(ticket, fields));
  const [saved, setSaved] = useState(false);
  const customFields = fields.filter((f) => !f.default).sort((a, b) => a.position - b.position);

  const save = useMutation({
    mutationFn: async (body: Record<string, unknown>) =>
      (await api.put<Ticket>(`/tickets/${ticket.id}`, body)).data,
    onSuccess: async (updated) => {
      const next = draftOf(updated, fields);
      setDraft(next);
      setOriginal(next);
      setSaved(true);
      client.setQueryData(['ticket', ticket.id], (old: Ticket | undefined) => ({ ...old, ...updated }));
      await client.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
  const errors: FieldError[] = save.error instanceof ApiError ? save.error.fieldErrors : [];
  const errorFor = (attribute: string) =>
    errors.find((e) => e.field === attribute || e.field === `custom_fields.${attribute}`);
  const shownError = (attribute: string) => errorFor(attribute);
  const unplaced = errors.filter(
    (e) => !Object.keys(draft).some((name) => e.field === name || e.field === `custom_fields.${name}`),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body: Record<string, unknown> = {};
    const custom: Record<string, unknown> = {};
    for (const attr of Object.values(DEFAULT_CONTROLS)) {
      if (draft[attr] === original[attr]) continue;
      body[attr] = draft[attr] === '' ? null : Number(draft[attr]);
    }
    for (const field of customFields) {
      if (draft[field.name] === original[field.name]) continue;
      custom[field.name] = apiValue(field, draft[field.name]!);
    }
    if (Object.keys(custom).length > 0) body.custom_fields = custom;
    save.mutate(body);
  };

  const set = (name: string, value: string | boolean) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [name]: value }));
  };

  return (
    <aside className="card properties" aria-labelledby="properties-title">
      <h2 id="properties-title">{t('properties')}</h2>
      <form onSubmit={submit} noValidate>
        {Object.entries(DEFAULT_CONTROLS).map(([type, attr]) => {
          const field = fields.find((f) => f.type === type);
          if (!field) return null;
          const choices = choicesOf(fields, type, t);
          const label =
            attr === 'status'
              ? t('status')
              : attr === 'priority'
                ? t('priority')
                : attr === 'group_id'
                  ? t('group')
                  : t('agent');
          return (
            <SelectControl
              key={attr}
              name={attr}
              label={label}
              value={String(draft[attr] ?? '')}
              choices={choices}
              allowNone={attr === 'group_id' || attr === 'responder_id'}
              required={field.required_for_agents}
              error={shownError(attr)?.message}
              onChange={(v) => set(attr, v)}
            />
          );
        })}
        {customFields.map((field) => (
          <CustomControl
            key={field.id}
            field={field}
            value={draft[field.name] ?? ''}
            error={shownError(field.name)?.message}
            onChange={(v) => set(field.name, v)}
          />
        ))}
        {save.error && (
          <div className="error" role="alert">
            <p>{errors.length > 0 ? t('fixErrors') : t('genericError', { message: save.error.message })}</p>
            {unplaced.length > 0 && (
              <ul>
                {unplaced.map((e) => (
                  <li key={e.field}>
                    {e.field}: {e.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {saved && (
          <p className="success" role="status">
            {t('saved')}
          </p>
        )}
        <button type="submit" className="primary" disabled={save.isPending || ticket.deleted}>
          {save.isPending ? t('saving') : t('save')}
        </button>
      </form>
    </aside>
  );
}

function FieldLabel({ htmlFor, label, required }: { htmlFor: string; label: string; required: boolean }) {
  const { t } = useI18n();
  return (
    <label htmlFor={htmlFor}>
      {label}
      {required && <span className="required"> ({t('required')})</span>}
    </label>
  );
}

function SelectControl(props: {
  name: string;
  label: string;
  value: string;
  choices: Choice[];
  allowNone: boolean;
  required: boolean;
  error?: string;
  onChange(value: string): void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className={`control${props.error ? ' invalid' : ''}`}>
      <FieldLabel htmlFor={id} label={props.label} required={props.required} />
      <select
        id={id}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      >
        {(props.allowNone || props.value === '') && <option value="">{t('none')}</option>}
        {props.choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {props.error && (
        <p id={`${id}-error`} className="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}

function CustomControl(props: {
  field: TicketField;
  value: string | boolean;
  error?: string;
  onChange(value: string | boolean): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const { field } = props;
  const described = {
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': props.error ? `${id}-error` : undefined,
  } as const;
  let control;
  if (field.type === 'custom_checkbox') {
    control = (
      <input
        id={id}
        type="checkbox"
        checked={props.value === true}
        onChange={(e) => props.onChange(e.target.checked)}
        {...described}
      />
    );
  } else if (field.type === 'custom_dropdown') {
    const choices = Array.isArray(field.choices) ? (field.choices as string[]) : [];
    control = (
      <select
        id={id}
        value={String(props.value)}
        onChange={(e) => props.onChange(e.target.value)}
        {...described}
      >
        <option value="">{t('none')}</option>
        {choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'custom_paragraph') {
    control = (
      <textarea
        id={id}
        rows={3}
        value={String(props.value)}
        onChange={(e) => props.onChange(e.target.value)}
        {...described}
      />
    );
  } else {
    const type =
      field.type === 'custom_date'
        ? 'date'
        : field.type === 'custom_number' || field.type === 'custom_decimal'
          ? 'number'
          : 'text';
    control = (
      <input
        id={id}
        type={type}
        step={field.type === 'custom_decimal' ? 'any' : undefined}
        value={String(props.value)}
        onChange={(e) => props.onChange(e.target.value)}
        {...described}
      />
    );
  }
  return (
    <div
      className={`control${props.error ? ' invalid' : ''}${field.type === 'custom_checkbox' ? ' checkbox' : ''}`}
    >
      <FieldLabel htmlFor={id} label={field.label} required={field.required_for_agents} />
      {control}
      {props.error && (
        <p id={`${id}-error`} className="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}
