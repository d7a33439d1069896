import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api.js';
import { useCatalogue } from '../../shared/i18n.js';
import { adminText } from './admin-text.js';

/** aria wiring for a control whose error is shown right under it. */
function described(id: string, error: string | undefined, hint?: string) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined } as const;
}

function Below({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </>
  );
}

/** A labelled text input with its hint and field error in place. */
export function TextField(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  hint?: string;
  type?: 'text' | 'email' | 'password' | 'url';
  required?: boolean;
  autoComplete?: string;
  placeholder?: string;
  multiline?: boolean;
}) {
  const id = useId();
  const common = {
    id,
    value: props.value,
    required: props.required,
    placeholder: props.placeholder,
    ...described(id, props.error, props.hint),
  };
  return (
    <div className={`control${props.error ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {props.multiline ? (
        <textarea rows={3} {...common} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input
          type={props.type ?? 'text'}
          autoComplete={props.autoComplete ?? 'off'}
          {...common}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
      <Below id={id} error={props.error} hint={props.hint} />
    </div>
  );
}

/** A labelled checkbox with its field error in place. */
export function CheckField(props: {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  error?: string;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className={`control checkbox${props.error ? ' invalid' : ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
        {...described(id, props.error, props.hint)}
      />
      <label htmlFor={id}>{props.label}</label>
      <Below id={id} error={props.error} hint={props.hint} />
    </div>
  );
}

/** A fieldset of checkboxes (roles, groups, agents, categories) with its field error in place. */
export function ChoiceSet<V extends string | number>(props: {
  legend: string;
  options: { value: V; label: string }[];
  selected: V[];
  onChange(selected: V[]): void;
  error?: string;
  empty?: string;
  radio?: boolean;
}) {
  const id = useId();
  const toggle = (value: V, on: boolean) =>
    props.onChange(
      props.radio ? [value] : on ? [...props.selected, value] : props.selected.filter((v) => v !== value),
    );
  return (
    <fieldset className={`choice-set${props.error ? ' invalid' : ''}`} {...described(id, props.error)}>
      <legend>{props.legend}</legend>
      {props.options.length === 0 && props.empty && <p className="hint">{props.empty}</p>}
      {props.options.map((option) => (
        <label key={String(option.value)} className="choice">
          <input
            type={props.radio ? 'radio' : 'checkbox'}
            name={props.radio ? id : undefined}
            checked={props.selected.includes(option.value)}
            onChange={(e) => toggle(option.value, e.target.checked)}
          />
          {option.label}
        </label>
      ))}
      <Below id={id} error={props.error} />
    </fieldset>
  );
}

/**
 * A failed save: the general message, plus any field error no control on the form shows
 * (so nothing Desk said is hidden).
 */
export function SaveError({ error, shown }: { error: unknown; shown: string[] }) {
  const t = useCatalogue(adminText);
  const box = useRef<HTMLDivElement>(null);
  // A refused save takes the keyboard to the first field Desk named, where its error is read out.
  useEffect(() => {
    if (!error) return;
    const form = box.current?.closest('form');
    const invalid = form?.querySelector<HTMLElement>(
      'input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"], fieldset[aria-invalid="true"] input',
    );
    invalid?.focus();
  }, [error]);
  if (!error) return null;
  const rest =
    error instanceof ApiError
      ? error.fieldErrors.filter((e) => !shown.includes(e.field.replace(/\[.*$/, '').replace(/\..*$/, '')))
      : [];
  const message =
    error instanceof ApiError && error.fieldErrors.length > 0
      ? t('fixErrors')
      : error instanceof ApiError && error.status === 403
        ? t('forbidden')
        : t('saveFailed', { message: error instanceof Error ? error.message : String(error) });
  return (
    <div role="alert" className="save-error" ref={box}>
      <p>{message}</p>
      {rest.length > 0 && (
        <ul>
          {rest.map((e) => (
            <li key={e.field + e.message}>
              {e.field}: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A query's loading or error state, or nothing once it has data. */
export function Loading({ error }: { error?: unknown }) {
  const t = useCatalogue(adminText);
  if (error)
    return (
      <p role="alert" className="field-error">
        {t('loadFailed', { message: error instanceof Error ? error.message : String(error) })}
      </p>
    );
  return <p role="status">{t('loading')}</p>;
}

/**
 * A delete button that asks first. Focus goes to the confirmation when it opens and back to the
 * button when it is cancelled, so keyboard users are never left on a removed element.
 */
export function ConfirmDelete(props: {
  title: string;
  question: string;
  confirm: string;
  cancel: string;
  pending: boolean;
  error: unknown;
  onConfirm(): void;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) yes.current?.focus();
    else if (wasOpen.current) trigger.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return (
    <div className="card danger-zone">
      <h2>{props.title}</h2>
      {open ? (
        <div role="group" aria-labelledby={`${id}-q`} className="confirm">
          <p id={`${id}-q`}>{props.question}</p>
          <button
            ref={yes}
            type="button"
            className="danger"
            onClick={props.onConfirm}
            disabled={props.pending}
          >
            {props.confirm}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            {props.cancel}
          </button>
        </div>
      ) : (
        <button ref={trigger} type="button" className="danger" onClick={() => setOpen(true)}>
          {props.title}
        </button>
      )}
      <SaveError error={props.error} shown={[]} />
    </div>
  );
}
