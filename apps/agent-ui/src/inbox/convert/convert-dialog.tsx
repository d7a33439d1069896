import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ApiError, errorText } from '../../shared/api.js';
import { useCatalogue, useI18n } from '../../shared/i18n.js';
import {
  conversionApi,
  type ConversionField,
  type ConvertAnswer,
  type ConvertedConversation,
  type ConvertRequest,
  type HelpdeskExplanation,
} from '../chat-api.js';
import { useInbox } from '../inbox-context.js';
import {
  choicesOf,
  controlOf,
  draftOf,
  dropDraft,
  editableFields,
  inputOf,
  keepDraft,
  valueOf,
  type ConvertDraft,
} from './convert-fields.js';
import { causeText, fieldOfProblem, timeText } from './convert-causes.js';
import { convertText } from './convert-text.js';
import './convert.css';

/** A finished conversion as the dialog's caller hears it. */
export interface ConvertDone {
  ticket: { id: number; url: string };
  conversation: ConvertedConversation;
  resolved: boolean;
}

/** A refusal: the helpdesk's explanation (502 `helpdesk`), else Chat's own field problems. */
interface Failure {
  explanation: HelpdeskExplanation | null;
  /** Field name → problem, from Chat's `details` (`fields.<name>`) or the explanation's field. */
  fields: Record<string, string>;
  text: string;
}

type Outcome =
  | { kind: 'done'; ticket: { id: number; url: string }; mode: 'new' | 'existing'; resolved: boolean }
  | { kind: 'queued'; runAt: string };

function failureOf(error: unknown, fallback: string): Failure {
  if (error instanceof ApiError) {
    const body = (error.body ?? {}) as { helpdesk?: HelpdeskExplanation };
    const fields: Record<string, string> = {};
    for (const problem of error.details) fields[problem.field.replace(/^fields\./, '')] = problem.message;
    return { explanation: body.helpdesk ?? null, fields, text: fallback };
  }
  return { explanation: null, fields: {}, text: fallback };
}

/** The helpdesk's own answer, one click away: status, request id, body. */
function HelpdeskAnswer({ explanation }: { explanation: HelpdeskExplanation }) {
  const t = useCatalogue(convertText);
  const answer = explanation.answer;
  if (!answer) return null;
  return (
    <details className="convert-answer">
      <summary>{t('dialog.answer')}</summary>
      <dl>
        <dt>{t('dialog.answerStatus')}</dt>
        <dd>{answer.status}</dd>
        {answer.request_id && (
          <>
            <dt>{t('dialog.answerRequest')}</dt>
            <dd>
              <code>{answer.request_id}</code>
            </dd>
          </>
        )}
        <dt>{t('dialog.answerBody')}</dt>
        <dd>
          <pre tabIndex={0}>{answer.body}</pre>
        </dd>
      </dl>
    </details>
  );
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * The convert dialog (I6, I7): a new ticket or a note on one of the user's tickets, the mapped
 * fields prefilled and the shown ones editable, "Create" and "Create and resolve". A refusal is
 * explained next to the field concerned with the helpdesk's answer one click away; a rate-limited
 * conversion says when it runs; what the agent typed survives failures and closing (per page).
 * Modal: focus stays inside, Esc closes; the caller puts focus back where it was.
 */
export function ConvertDialog({
  conversationId,
  onDone,
  onClose,
  resolveByDefault = false,
}: {
  conversationId: string;
  onDone?: (done: ConvertDone) => void;
  onClose: () => void;
  resolveByDefault?: boolean;
}) {
  const t = useCatalogue(convertText);
  const { t: shared, language } = useI18n();
  const { client } = useInbox();
  const queries = useQueryClient();
  const api = useMemo(() => conversionApi(client), [client]);
  const ids = useId();
  const dialog = useRef<HTMLDialogElement>(null);

  const preview = useQuery({
    queryKey: ['ticket-conversion-preview', conversationId],
    queryFn: () => api.preview(conversationId),
    retry: false,
    staleTime: 0,
  });
  const [draft, setDraft] = useState<ConvertDraft>(
    () => draftOf(conversationId) ?? { mode: 'new', ticketId: null, values: {} },
  );
  const [failure, setFailure] = useState<Failure | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pickTicket, setPickTicket] = useState(false);

  useEffect(() => {
    keepDraft(conversationId, draft);
  }, [conversationId, draft]);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const fields = useMemo(() => preview.data?.fields ?? [], [preview.data]);
  const shown = editableFields(fields);
  // The last failure Chat kept (a previous page, or a queued run that failed) until one of ours.
  const lastError = preview.data?.state.state === 'failed' ? preview.data.state.error : null;
  const explanation = failure ? failure.explanation : lastError;
  const fieldProblems: Record<string, string> = { ...(failure?.fields ?? {}) };
  const problemField = explanation ? fieldOfProblem(explanation, shown) : undefined;
  if (explanation && problemField) fieldProblems[problemField] = causeText(t, explanation, fields, language);

  const inputOfField = (field: ConversionField) =>
    Object.hasOwn(draft.values, field.name) ? draft.values[field.name]! : inputOf(field, field.value);

  const convert = useMutation({
    mutationFn: (body: ConvertRequest) => api.convert(conversationId, body),
    onSuccess: (answer: ConvertAnswer, body) => {
      setFailure(null);
      dropDraft(conversationId);
      void queries.invalidateQueries({ queryKey: ['ticket-conversion', conversationId] });
      void queries.invalidateQueries({ queryKey: ['ticket-conversion-preview', conversationId] });
      if ('ticket' in answer) {
        queries.setQueryData(['conversation', conversationId], answer.conversation);
        void queries.invalidateQueries({ queryKey: ['conversations'] });
        const resolved = answer.conversation.status === 'resolved';
        setOutcome({ kind: 'done', ticket: answer.ticket, mode: body.mode, resolved });
        onDone?.({ ticket: answer.ticket, conversation: answer.conversation, resolved });
      } else setOutcome({ kind: 'queued', runAt: answer.run_at });
    },
    onError: (error) => {
      setFailure(failureOf(error, errorText(error, shared)));
      void queries.invalidateQueries({ queryKey: ['ticket-conversion', conversationId] });
    },
  });

  function submit(resolve: boolean) {
    if (draft.mode === 'existing' && draft.ticketId === null) {
      setPickTicket(true);
      return;
    }
    setPickTicket(false);
    const body: ConvertRequest = { mode: draft.mode, resolve };
    if (draft.mode === 'existing') body.ticket_id = draft.ticketId!;
    else if (shown.length)
      body.fields = Object.fromEntries(shown.map((f) => [f.name, valueOf(f, inputOfField(f))]));
    convert.mutate(body);
  }

  const change = (patch: Partial<ConvertDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const setValue = (name: string, value: string | boolean) =>
    setDraft((current) => ({ ...current, values: { ...current.values, [name]: value } }));

  // Tab and Shift+Tab cycle inside the dialog (showModal makes the page inert, not the browser UI).
  function trapFocus(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== 'Tab' || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => el.offsetParent !== null || el === document.activeElement,
    );
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  const busy = convert.isPending;
  const tickets = preview.data?.recent_tickets ?? [];
  const primary = resolveByDefault;

  return (
    <dialog
      ref={dialog}
      className="convert-dialog"
      aria-labelledby={`${ids}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClose={() => {
        // Closed by the browser itself (not by us unmounting it): tell the caller.
        if (dialog.current && !dialog.current.open) onClose();
      }}
      onKeyDown={trapFocus}
    >
      <div className="convert-head">
        <h2 id={`${ids}-title`}>{t('dialog.title')}</h2>
        <button type="button" className="convert-close" onClick={onClose} aria-label={t('dialog.close')}>
          ×
        </button>
      </div>

      {outcome?.kind === 'done' && (
        <div className="convert-success">
          <p role="status">
            {t(outcome.mode === 'new' ? 'dialog.created' : 'dialog.noted', { id: outcome.ticket.id })}
            {outcome.resolved && ` ${t('dialog.resolved')}`}
          </p>
          <p>
            <a href={outcome.ticket.url} target="_blank" rel="noopener noreferrer">
              {t('dialog.open', { id: outcome.ticket.id })}
            </a>
          </p>
          <div className="convert-buttons">
            <button type="button" onClick={onClose}>
              {t('dialog.done')}
            </button>
          </div>
        </div>
      )}

      {outcome?.kind === 'queued' && (
        <div className="convert-queued">
          <p role="status">{t('dialog.queued', { time: timeText(outcome.runAt, language) })}</p>
          <div className="convert-buttons">
            <button type="button" onClick={onClose}>
              {t('dialog.done')}
            </button>
          </div>
        </div>
      )}

      {!outcome && preview.isPending && <p role="status">{t('dialog.loading')}</p>}

      {!outcome && preview.isError && (
        <div className="convert-error" role="alert">
          {(() => {
            const refused = failureOf(preview.error, errorText(preview.error, shared));
            return refused.explanation ? (
              <>
                <p>{causeText(t, refused.explanation, [], language)}</p>
                <p className="convert-server">
                  {t('dialog.serverSays', { message: refused.explanation.message })}
                </p>
                <HelpdeskAnswer explanation={refused.explanation} />
              </>
            ) : (
              <p>{refused.text}</p>
            );
          })()}
        </div>
      )}

      {!outcome && preview.data && (
        <form
          className="convert-form"
          aria-busy={busy}
          onSubmit={(event) => {
            event.preventDefault();
            submit(primary);
          }}
        >
          {(explanation || failure) && (
            <div className="convert-error" role="alert">
              <p>
                <strong>{t('dialog.refused')}</strong>{' '}
                {explanation ? causeText(t, explanation, fields, language) : failure?.text}
              </p>
              {explanation && (
                <p className="convert-server">{t('dialog.serverSays', { message: explanation.message })}</p>
              )}
              {explanation && <HelpdeskAnswer explanation={explanation} />}
            </div>
          )}

          <fieldset className="convert-mode">
            <legend>{t('dialog.target')}</legend>
            <label>
              <input
                type="radio"
                name={`${ids}-mode`}
                checked={draft.mode === 'new'}
                onChange={() => change({ mode: 'new' })}
              />
              {t('dialog.new')}
            </label>
            <label>
              <input
                type="radio"
                name={`${ids}-mode`}
                checked={draft.mode === 'existing'}
                onChange={() => change({ mode: 'existing' })}
              />
              {t('dialog.existing')}
            </label>
          </fieldset>

          {draft.mode === 'existing' && (
            <fieldset className="convert-tickets" aria-describedby={pickTicket ? `${ids}-pick` : undefined}>
              <legend>{t('dialog.tickets')}</legend>
              {tickets.length === 0 && <p>{t('dialog.noTickets')}</p>}
              {tickets.map((ticket) => (
                <label key={ticket.id}>
                  <input
                    type="radio"
                    name={`${ids}-ticket`}
                    value={ticket.id}
                    checked={draft.ticketId === ticket.id}
                    onChange={() => change({ ticketId: ticket.id })}
                  />
                  {t('dialog.ticket', { id: ticket.id, subject: ticket.subject ?? t('dialog.noSubject') })}
                </label>
              ))}
              {(pickTicket || fieldProblems.ticket_id) && (
                <p id={`${ids}-pick`} className="convert-field-error" role="alert">
                  {pickTicket ? t('dialog.pickTicket') : fieldProblems.ticket_id}
                </p>
              )}
            </fieldset>
          )}

          {draft.mode === 'new' && (
            <fieldset className="convert-fields">
              <legend>{t('dialog.fields')}</legend>
              {shown.length === 0 && <p>{t('dialog.noFields')}</p>}
              {shown.map((field) => (
                <FieldInput
                  key={field.name}
                  id={`${ids}-f-${field.name}`}
                  field={field}
                  input={inputOfField(field)}
                  problem={fieldProblems[field.name]}
                  onChange={(value) => setValue(field.name, value)}
                />
              ))}
            </fieldset>
          )}

          {preview.data.warnings.length > 0 && (
            <details className="convert-warnings">
              <summary>{t('dialog.warnings')}</summary>
              <ul>
                {preview.data.warnings.map((w) => (
                  <li key={`${w.ticket_field}-${w.problem}`}>{w.message}</li>
                ))}
              </ul>
            </details>
          )}

          <div className="convert-buttons">
            {busy && <span role="status">{t('dialog.busy')}</span>}
            <button
              type="button"
              className={primary ? 'secondary' : undefined}
              disabled={busy}
              onClick={() => submit(false)}
            >
              {t(draft.mode === 'new' ? 'dialog.create' : 'dialog.add')}
            </button>
            <button
              type="button"
              className={primary ? undefined : 'secondary'}
              disabled={busy}
              onClick={() => submit(true)}
            >
              {t(draft.mode === 'new' ? 'dialog.createResolve' : 'dialog.addResolve')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

/** One editable ticket field: its control by type, required mark, and its problem beneath. */
function FieldInput({
  id,
  field,
  input,
  problem,
  onChange,
}: {
  id: string;
  field: ConversionField;
  input: string | boolean;
  problem: string | undefined;
  onChange: (value: string | boolean) => void;
}) {
  const t = useCatalogue(convertText);
  const control = controlOf(field.type);
  const describedBy = [problem ? `${id}-problem` : '', field.mapped_from === null ? `${id}-hint` : '']
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    // Not `required`: the browser would block the submit, and the helpdesk's refusal says more.
    'aria-required': field.required || undefined,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': describedBy || undefined,
  } as const;
  const label = (
    <label htmlFor={id}>
      {field.label}
      {field.required && (
        <span className="convert-required" title={t('dialog.required')}>
          {' '}
          * <span className="visually-hidden">({t('dialog.required')})</span>
        </span>
      )}
    </label>
  );
  let element;
  if (control === 'checkbox')
    element = (
      <input
        {...common}
        type="checkbox"
        checked={input === true}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  else if (control === 'paragraph')
    element = (
      <textarea {...common} rows={4} value={String(input)} onChange={(e) => onChange(e.target.value)} />
    );
  else if (control === 'select') {
    const options = choicesOf(field);
    element = (
      <select {...common} value={String(input)} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('dialog.choose')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {/* A value the helpdesk no longer lists is kept visible rather than silently dropped. */}
        {input !== '' && !options.some((o) => o.value === input) && (
          <option value={String(input)}>{String(input)}</option>
        )}
      </select>
    );
  } else
    element = (
      <input
        {...common}
        type={control === 'date' ? 'date' : control === 'text' ? 'text' : 'number'}
        step={control === 'decimal' ? 'any' : control === 'number' ? 1 : undefined}
        value={String(input)}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  return (
    <div className={`convert-field convert-${control}${problem ? ' has-problem' : ''}`}>
      {control === 'checkbox' ? (
        <label htmlFor={id} className="convert-check">
          {element} {field.label}
          {field.required && <span className="convert-required"> *</span>}
        </label>
      ) : (
        <>
          {label}
          {element}
        </>
      )}
      {field.mapped_from === null && (
        <p id={`${id}-hint`} className="convert-hint">
          {t('dialog.unmapped')}
        </p>
      )}
      {problem && (
        <p id={`${id}-problem`} className="convert-field-error">
          {problem}
        </p>
      )}
    </div>
  );
}
