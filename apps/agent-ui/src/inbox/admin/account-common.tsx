import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../../shared/api.js';
import { useCatalogue, type Catalogue } from '../../shared/i18n.js';
import { useInbox } from '../inbox-context.js';

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
