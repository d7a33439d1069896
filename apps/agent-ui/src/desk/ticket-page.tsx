import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, type FieldError, type Me, type Ticket, type TicketField } from './api.js';
import { choicesOf, useTicketFields, type Choice } from './fields.js';
import { useI18n } from './i18n-context.js';
import { Link } from './router.js';
import { AttachmentLinks, AttachmentPicker } from './tickets/attachment-picker.js';
import { CollisionNotice, newConversations, type HeldWrite } from './tickets/collision-notice.js';
import { RichEditor } from './tickets/rich-editor.js';
import {
  loadTicketSnapshot,
  saveTicket,
  sendConversation,
  type TicketSnapshot,
} from './tickets/ticket-api.js';
import { useCatalogue } from '../shared/i18n.js';
import { ticketText } from './tickets/ticket-text.js';

export { textToHtml } from './tickets/rich-text.js';

const snapshotKey = (id: number) => ['ticket', id, 'snapshot'] as const;

/**
 * A 412 from a guarded write: reads the ticket as it is now, so the agent can be shown what
 * changed. Any other error is rethrown for the form to show.
 */
async function heldWrite(error: unknown, id: number, kind: HeldWrite['kind']): Promise<HeldWrite> {
  if (!(error instanceof ApiError) || error.status !== 412) throw error;
  return { kind, errors: error.fieldErrors, fresh: await loadTicketSnapshot(id) };
}

export function TicketPage({ id, me }: { id: number; me: Me }) {
  const { t } = useI18n();
  const tt = useCatalogue(ticketText);
  const client = useQueryClient();
  // The snapshot is the version the agent is looking at; it only moves on the agent's own
  // actions (a write, "review"), never behind their back, so the collision guard stays honest.
  const snapshot = useQuery({
    queryKey: snapshotKey(id),
    queryFn: () => loadTicketSnapshot(id),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const fields = useTicketFields();
  const [newIds, setNewIds] = useState<number[]>([]);

  if (snapshot.isPending) return <p role="status">{t('loading')}</p>;
  if (snapshot.isError) {
    const missing = snapshot.error instanceof ApiError && [403, 404].includes(snapshot.error.status);
    return (
      <section>
        <Link href="/a/">{t('backToList')}</Link>
        <p className="error" role="alert">
          {missing ? t('notFound') : t('genericError', { message: snapshot.error.message })}
        </p>
      </section>
    );
  }
  const seen = snapshot.data;
  const data = seen.ticket;
  /** Shows the ticket as it is now ("review first"), marking conversations the agent had not seen. */
  const adopt = (fresh: TicketSnapshot) => {
    setNewIds(newConversations(seen, fresh).map((c) => c.id));
    client.setQueryData(snapshotKey(id), fresh);
  };
  const refresh = async () => {
    setNewIds([]);
    await client.invalidateQueries({ queryKey: snapshotKey(id) });
    await client.invalidateQueries({ queryKey: ['tickets'] });
  };
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
                {/* Desk sanitizes every stored body (sanitizeRichText) before it is saved. */}
                <div className="message-body" dangerouslySetInnerHTML={{ __html: data.description ?? '' }} />
              </li>
              {seen.conversations.map((c) => (
                <li
                  key={c.id}
                  className={`message ${c.private ? 'note' : c.incoming ? 'incoming' : 'outgoing'}${newIds.includes(c.id) ? ' new' : ''}`}
                >
                  <p className="message-meta">
                    {c.private ? t('privateNote') : c.incoming ? t('incoming') : t('outgoing')}
                    {c.user_id === me.id ? ` (${me.name})` : ''} ·{' '}
                    <time dateTime={c.created_at}>{new Date(c.created_at).toLocaleString()}</time>
                    {newIds.includes(c.id) && <span className="new-badge">{tt('newMessage')}</span>}
                  </p>
                  <div className="message-body" dangerouslySetInnerHTML={{ __html: c.body }} />
                  <AttachmentLinks attachments={c.attachments ?? []} />
                </li>
              ))}
            </ol>
          </section>
          {!data.deleted && (
            <ReplyForm ticketId={id} seen={seen} fields={fields.data} onSent={refresh} onReview={adopt} />
          )}
        </div>
        {fields.data && (
          <PropertiesPanel seen={seen} fields={fields.data} onSaved={refresh} onReview={adopt} />
        )}
      </div>
    </article>
  );
}

function ReplyForm(props: {
  ticketId: number;
  seen: TicketSnapshot;
  fields: TicketField[] | undefined;
  onSent(): Promise<void>;
  onReview(fresh: TicketSnapshot): void;
}) {
  const { t } = useI18n();
  const { ticketId } = props;
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [html, setHtml] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [editorKey, setEditorKey] = useState(0);
  const [done, setDone] = useState(false);
  const [held, setHeld] = useState<HeldWrite | null>(null);
  const errorId = useId();
  const send = useMutation({
    mutationFn: async (input: { etag: string | undefined }) => {
      try {
        await sendConversation(ticketId, { mode, html, files, etag: input.etag });
        return null;
      } catch (error) {
        return heldWrite(error, ticketId, mode);
      }
    },
    onSuccess: async (result) => {
      if (result) {
        setHeld(result);
        return;
      }
      setHeld(null);
      setHtml('');
      setFiles([]);
      setEditorKey((k) => k + 1);
      setDone(true);
      await props.onSent();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (html === '') return;
    setDone(false);
    send.mutate({ etag: props.seen.etag });
  };
  const errors = send.error instanceof ApiError ? send.error.fieldErrors : [];
  const bodyError = errors.find((e) => e.field === 'body');
  const filesError = errors.find((e) => e.field === 'attachments');
  const otherError = send.error && !bodyError && !filesError;
  const label = mode === 'reply' ? t('replyLabel') : t('noteLabel');

  return (
    <section aria-labelledby="reply-title" className="card reply">
      <h2 id="reply-title">{t('replyOrNote')}</h2>
      <form onSubmit={submit}>
        <fieldset className="mode">
          <legend className="visually-hidden">{t('replyOrNote')}</legend>
          {(['reply', 'note'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="mode"
                checked={mode === value}
                disabled={held !== null}
                onChange={() => {
                  setMode(value);
                  setDone(false);
                }}
              />
              {value === 'reply' ? t('reply') : t('privateNote')}
            </label>
          ))}
        </fieldset>
        <RichEditor
          key={editorKey}
          label={label}
          className={mode === 'note' ? 'note-input' : undefined}
          invalid={Boolean(bodyError)}
          describedBy={bodyError ? errorId : undefined}
          onChange={(value) => {
            setHtml(value);
            setDone(false);
          }}
        />
        <AttachmentPicker files={files} error={filesError?.message} onChange={setFiles} />
        {(bodyError || otherError) && (
          <p id={errorId} className="error" role="alert">
            {bodyError?.message ?? t('genericError', { message: send.error?.message ?? '' })}
          </p>
        )}
        {held && (
          <CollisionNotice
            held={held}
            seen={props.seen}
            fields={props.fields}
            busy={send.isPending}
            onSendAnyway={() => send.mutate({ etag: held.fresh.etag })}
            onReview={() => {
              props.onReview(held.fresh);
              setHeld(null);
            }}
          />
        )}
        {done && (
          <p className="success" role="status">
            {t('sent')}
          </p>
        )}
        {!held && (
          <button type="submit" className="primary" disabled={send.isPending || html === ''}>
            {send.isPending ? t('sending') : mode === 'reply' ? t('sendReply') : t('addNote')}
          </button>
        )}
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
function PropertiesPanel(props: {
  seen: TicketSnapshot;
  fields: TicketField[];
  onSaved(): Promise<void>;
  onReview(fresh: TicketSnapshot): void;
}) {
  const { t } = useI18n();
  const { seen, fields } = props;
  const ticket = seen.ticket;
  const [draft, setDraft] = useState<Draft>(() => draftOf(ticket, fields));
  const [original, setOriginal] = useState<Draft>(() => draftOf(ticket, fields));
  const [saved, setSaved] = useState(false);
  const [held, setHeld] = useState<HeldWrite | null>(null);
  const customFields = fields.filter((f) => !f.default).sort((a, b) => a.position - b.position);

  // When the page moves to a newer version (after a write or "review"), controls the agent has
  // not touched follow it; what they changed stays as typed.
  const shownEtag = useRef(seen.etag);
  useEffect(() => {
    if (seen.etag === shownEtag.current) return;
    shownEtag.current = seen.etag;
    const fresh = draftOf(seen.ticket, fields);
    setDraft((d) => {
      const next: Draft = {};
      for (const name of Object.keys(fresh))
        next[name] = d[name] !== original[name] ? d[name]! : fresh[name]!;
      return next;
    });
    setOriginal(fresh);
  }, [seen, fields, original]);

  const save = useMutation({
    mutationFn: async (input: { body: Record<string, unknown>; etag: string | undefined }) => {
      try {
        return { updated: (await saveTicket(ticket.id, input.body, input.etag)).data, held: null };
      } catch (error) {
        return { updated: null, held: await heldWrite(error, ticket.id, 'save') };
      }
    },
    onSuccess: async (result) => {
      setHeld(result.held);
      if (!result.updated) return;
      const next = draftOf(result.updated, fields);
      setDraft(next);
      setOriginal(next);
      setSaved(true);
      await props.onSaved();
    },
  });
  const errors: FieldError[] = save.error instanceof ApiError ? save.error.fieldErrors : [];
  const errorFor = (attribute: string) =>
    errors.find((e) => e.field === attribute || e.field === `custom_fields.${attribute}`);
  const shownError = (attribute: string) => errorFor(attribute);
  const unplaced = errors.filter(
    (e) => !Object.keys(draft).some((name) => e.field === name || e.field === `custom_fields.${name}`),
  );

  /** Only what the agent changed, in the API's shape. */
  const changes = () => {
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
    return body;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate({ body: changes(), etag: seen.etag });
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
        {held && (
          <CollisionNotice
            held={held}
            seen={seen}
            fields={fields}
            busy={save.isPending}
            onSendAnyway={() => save.mutate({ body: changes(), etag: held.fresh.etag })}
            onReview={() => {
              props.onReview(held.fresh);
              setHeld(null);
            }}
          />
        )}
        {saved && (
          <p className="success" role="status">
            {t('saved')}
          </p>
        )}
        {!held && (
          <button type="submit" className="primary" disabled={save.isPending || ticket.deleted}>
            {save.isPending ? t('saving') : t('save')}
          </button>
        )}
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
