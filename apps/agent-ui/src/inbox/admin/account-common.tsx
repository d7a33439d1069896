import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ApiError, errorText } from '../../shared/api.js';
import { useCatalogue, useI18n, type Catalogue } from '../../shared/i18n.js';
import { useInbox } from '../inbox-context.js';
import { adminPath, followLink } from '../routes.js';

/** Helpers shared by the people-and-setup admin screens (agents, groups, sites, properties, …). */

const en = {
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved.',
  cancel: 'Cancel',
  back: 'Back to the list',
  edit: 'Edit',
  delete: 'Delete',
  confirmDelete: 'Confirm delete',
  loading: 'Loading…',
  copy: 'Copy',
  copied: 'Copied to the clipboard.',
  copyFailed: 'Copying failed: select the text and copy it yourself.',
  formErrors: 'Please correct the fields marked below.',
  yes: 'Yes',
  no: 'No',
} as const;

const ja: Record<keyof typeof en, string> = {
  save: '保存',
  saving: '保存中…',
  saved: '保存しました。',
  cancel: 'キャンセル',
  back: '一覧に戻る',
  edit: '編集',
  delete: '削除',
  confirmDelete: '削除を確定',
  loading: '読み込み中…',
  copy: 'コピー',
  copied: 'クリップボードにコピーしました。',
  copyFailed: 'コピーできませんでした。テキストを選択してコピーしてください。',
  formErrors: '以下の項目を修正してください。',
  yes: 'はい',
  no: 'いいえ',
};

export const commonText = { en, ja } satisfies Catalogue<keyof typeof en>;

/**
 * The field problems of a refused save, by field name (Chat reports nested fields with dots
 * and without indexes, e.g. `widget_settings.prechat.fields.name`); messages of one field joined.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const byField: Record<string, string> = {};
  if (!(error instanceof ApiError)) return byField;
  for (const problem of error.details) {
    byField[problem.field] = byField[problem.field]
      ? `${byField[problem.field]} ${problem.message}`
      : problem.message;
  }
  return byField;
}

/** A labelled control with its error in place (linked by aria-describedby). */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (props: {
    id: string;
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="admin-field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {error && (
        <p id={`${id}-error`} className="error field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Copies `text` (the Clipboard API, else a selected textarea); says whether it worked. */
export function CopyButton({ text, label, name }: { text: string; label: string; name?: string }) {
  const c = useCatalogue(commonText);
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(text);
      else {
        const area = document.createElement('textarea');
        area.value = text;
        document.body.append(area);
        area.select();
        const ok = document.execCommand('copy');
        area.remove();
        if (!ok) throw new Error('copy refused');
      }
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
  }
  return (
    <span className="copy">
      <button type="button" className="secondary" aria-label={name} onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="hint">
        {status === 'copied' ? c('copied') : status === 'failed' ? c('copyFailed') : ''}
      </span>
    </span>
  );
}

/** A delete button that asks for a second click (no modal to trap focus in). */
export function DeleteButton({ onConfirm, busy }: { onConfirm(): void; busy?: boolean }) {
  const c = useCatalogue(commonText);
  const [armed, setArmed] = useState(false);
  return armed ? (
    <span className="admin-confirm">
      <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
        {c('confirmDelete')}
      </button>
      <button type="button" className="secondary" onClick={() => setArmed(false)}>
        {c('cancel')}
      </button>
    </span>
  ) : (
    <button type="button" className="secondary" onClick={() => setArmed(true)}>
      {c('delete')}
    </button>
  );
}

/** Moves focus to a screen's heading when it opens (a new admin "page" in a single-page app). */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/** An alert with the text of `error`, or nothing while there is none. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t: shared } = useI18n();
  if (error == null) return null;
  return (
    <p className="error" role="alert">
      {errorText(error, shared)}
    </p>
  );
}

/** A query's loading and error states, then `empty` for an empty result or `children(data)`. */
export function QueryState<T>({
  query,
  empty,
  isEmpty = (data) => Array.isArray(data) && data.length === 0,
  children,
}: {
  query: UseQueryResult<T>;
  empty?: string;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  const c = useCatalogue(commonText);
  if (query.isPending) return <p>{c('loading')}</p>;
  if (query.isError) return <ErrorAlert error={query.error} />;
  if (empty !== undefined && isEmpty(query.data)) return <p>{empty}</p>;
  return children(query.data);
}

/** A list screen's heading (focused when it opens) beside its "add" link. */
export function ListHead({
  titleId,
  title,
  addHref,
  addLabel,
}: {
  titleId: string;
  title: string;
  addHref: string;
  addLabel: string;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="admin-head">
      <h2 id={titleId} tabIndex={-1} ref={heading}>
        {title}
      </h2>
      <a className="button" href={addHref} onClick={followLink}>
        {addLabel}
      </a>
    </div>
  );
}

/** An admin table (scrolling on narrow screens) with its column headers; `children` are its rows. */
export function AdminTable({
  columns,
  labelledBy,
  children,
}: {
  columns: string[];
  labelledBy?: string;
  children: ReactNode;
}) {
  return (
    <div className="admin-table-wrap">
      <table className="admin-table" aria-labelledby={labelledBy}>
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

/**
 * A list screen of admin `section`: heading and "add" link, an optional intro, `before` (e.g. an alert),
 * the items as a table (one `row` each, given the whole list too) with loading/error/empty states, then `children`.
 */
export function ListScreen<T>({
  section,
  title,
  addLabel,
  intro,
  before,
  query,
  empty,
  columns,
  row,
  children,
}: {
  section: string;
  title: string;
  addLabel: string;
  intro?: string;
  before?: ReactNode;
  query: UseQueryResult<T[]>;
  empty: string;
  columns: string[];
  row: (item: T, items: T[]) => ReactNode;
  children?: ReactNode;
}) {
  const titleId = `${section}-title`;
  return (
    <section className="admin-screen" aria-labelledby={titleId}>
      <ListHead titleId={titleId} title={title} addHref={adminPath(section, 'new')} addLabel={addLabel} />
      {intro && <p className="hint">{intro}</p>}
      {before}
      <QueryState query={query} empty={empty}>
        {(items) => <AdminTable columns={columns}>{items.map((item) => row(item, items))}</AdminTable>}
      </QueryState>
      {children}
    </section>
  );
}

/** A link to another admin screen, followed without reloading the page. */
export function AdminLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} onClick={followLink}>
      {children}
    </a>
  );
}

/** The screen for an item that does not exist: `text` as an alert and a link back (`backLabel`). */
export function NotFound({
  text,
  backHref,
  backLabel,
}: {
  text: string;
  backHref: string;
  backLabel?: string;
}) {
  const c = useCatalogue(commonText);
  return (
    <section className="admin-screen">
      <p role="alert">{text}</p>
      <a href={backHref} onClick={followLink}>
        {backLabel ?? c('back')}
      </a>
    </section>
  );
}

/**
 * Routes admin `section`'s `rest`: nothing → `list`, `new` → `form(null)`, else the item whose key
 * matches (loading first; `notFound` when none does) → `form(item)`.
 */
export function ItemRoute<T>({
  section,
  first,
  query,
  keyOf,
  list,
  form,
  notFound,
}: {
  section: string;
  first: string | undefined;
  query: UseQueryResult<T[]>;
  keyOf: (item: T) => string;
  list: () => ReactNode;
  form: (item: T | null) => ReactNode;
  notFound: string;
}) {
  const c = useCatalogue(commonText);
  if (first === 'new') return form(null);
  if (!first) return list();
  if (query.isPending) return <p>{c('loading')}</p>;
  const item = query.data?.find((candidate) => keyOf(candidate) === first);
  return item ? form(item) : <NotFound text={notFound} backHref={adminPath(section)} />;
}

/** An edit screen's link back to the list and its heading (focused when it opens). */
export function FormHead({
  titleId,
  title,
  backHref,
  backLabel,
  titleClassName,
}: {
  titleId: string;
  title: string;
  backHref: string;
  backLabel?: string;
  titleClassName?: string;
}) {
  const c = useCatalogue(commonText);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <>
      <a href={backHref} onClick={followLink}>
        {backLabel ?? c('back')}
      </a>
      <h2 id={titleId} tabIndex={-1} ref={heading} className={titleClassName}>
        {title}
      </h2>
    </>
  );
}

/**
 * A form's outcome at its top: when `failed`, an alert (a pointer to the fields when `errors` has
 * any, else the text of `error`); when `done`, "Saved." as a status.
 */
export function SaveStatus({
  failed,
  error,
  errors,
  done,
}: {
  failed: boolean;
  error: unknown;
  errors: Record<string, string>;
  done: boolean;
}) {
  const c = useCatalogue(commonText);
  const { t: shared } = useI18n();
  return (
    <>
      {failed && (
        <p className="error" role="alert">
          {Object.keys(errors).length ? c('formErrors') : errorText(error, shared)}
        </p>
      )}
      {done && (
        <p className="notice" role="status">
          {c('saved')}
        </p>
      )}
    </>
  );
}

/** A polite status line that says "Saved." after a save (kept in the page so it is announced). */
export function SavedHint({ saved }: { saved: boolean }) {
  const c = useCatalogue(commonText);
  return (
    <p role="status" className="hint">
      {saved ? c('saved') : ''}
    </p>
  );
}

/** A mutation that deletes the item a form edits (what `FormActions` needs of it). */
interface Removal {
  mutate(): void;
  isPending: boolean;
  error: unknown;
}

/**
 * A form's action row: the submit button (`label`, else "Save"; "Saving…" while `saving`), then
 * `children`, then a two-click delete when `remove` is given; below it `note`, then the delete's error.
 */
export function FormActions({
  saving,
  label,
  remove,
  note,
  children,
}: {
  saving: boolean;
  label?: string;
  remove?: Removal | false | null;
  note?: ReactNode;
  children?: ReactNode;
}) {
  const c = useCatalogue(commonText);
  return (
    <>
      <div className="admin-actions">
        <button type="submit" disabled={saving}>
          {saving ? c('saving') : (label ?? c('save'))}
        </button>
        {children}
        {remove && <DeleteButton busy={remove.isPending} onConfirm={() => remove.mutate()} />}
      </div>
      {note}
      {remove !== undefined && <ErrorAlert error={remove ? remove.error : null} />}
    </>
  );
}

/** Splits a textarea's lines into trimmed, non-blank values. */
export const linesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** `GET /v2/accounts/configuration` (C1): the app id and widget token (admins only). */
export interface AccountConfiguration {
  account_id: string;
  app_id: string;
  widget_token: string;
  account_name: string;
}

export function useAccountConfiguration() {
  const { client } = useInbox();
  return useQuery({
    queryKey: ['admin', 'account-configuration'],
    queryFn: () => client.request<AccountConfiguration>('GET', '/accounts/configuration'),
  });
}
