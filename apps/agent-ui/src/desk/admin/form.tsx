import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api.js';
import { Link, useLocation } from '../router.js';
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
  pending: boolean;
  error: unknown;
  onConfirm(): void;
}) {
  const t = useCatalogue(adminText);
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
            {t('confirmDelete')}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            {t('cancel')}
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

/** A list screen's heading (labelling its section through `titleId`) and its "add one" link. */
export function ListHead(props: { titleId: string; title: string; newHref: string; newLabel: string }) {
  return (
    <div className="admin-head">
      <h1 id={props.titleId}>{props.title}</h1>
      <Link className="button primary" href={props.newHref}>
        {props.newLabel}
      </Link>
    </div>
  );
}

/** "Deleted." on a list screen an edit screen sent back to after a deletion (`?deleted=1`). */
export function DeletedNotice() {
  const t = useCatalogue(adminText);
  const { params } = useLocation();
  if (params.get('deleted') !== '1') return null;
  return (
    <p role="status" className="success">
      {t('deleted')}
    </p>
  );
}

/** An edit screen's link back to its list and its heading (labelling its section through `titleId`). */
export function EditHead(props: { backHref: string; backLabel: string; titleId: string; title: string }) {
  return (
    <>
      <p>
        <Link href={props.backHref}>{props.backLabel}</Link>
      </p>
      <h1 id={props.titleId}>{props.title}</h1>
    </>
  );
}

/**
 * The end of an edit form: the refused save's errors, "Saved." after a save (or after a creation
 * redirected here with `?saved=1`), and the submit button (`createLabel` for a new record).
 */
export function FormFooter(props: {
  save: { error: unknown; isPending: boolean; isSuccess: boolean };
  shown: string[];
  isNew: boolean;
  createLabel: string;
}) {
  const t = useCatalogue(adminText);
  const { params } = useLocation();
  const { save } = props;
  const saved = (save.isSuccess || params.get('saved') === '1') && !save.isPending && !save.error;
  return (
    <>
      <SaveError error={save.error} shown={props.shown} />
      {saved && (
        <p role="status" className="success">
          {t('saved')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t('saving') : props.isNew ? props.createLabel : t('save')}
        </button>
      </div>
    </>
  );
}

/** A list screen's table: one column header per `columns` entry, the rows as given. */
export function AdminTable({ columns, children }: { columns: string[]; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="admin-table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
