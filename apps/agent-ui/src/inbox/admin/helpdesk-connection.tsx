import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, errorText } from '../../shared/api.js';
import { useI18n } from '../../shared/i18n.js';
import { adminPath, followLink } from '../routes.js';
import {
  explanationOf,
  SETTING_NAMES,
  type HelpdeskConnection,
  type HelpdeskExplanation,
  type KeyOwner,
  type SettingName,
} from './helpdesk-api.js';
import {
  causeText,
  connectionKey,
  HelpdeskAnswer,
  SECTION_ID,
  useHelpdeskApi,
  type HelpdeskT,
} from './helpdesk-shared.js';

const ownerName = (owner: KeyOwner) =>
  owner.name && owner.email
    ? `${owner.name} (${owner.email})`
    : (owner.name ?? owner.email ?? `#${owner.id}`);

/** Connection (I1), mapping-health summary (B5) and the switches (I4, I5, B3) of Integrations > Helpdesk. */
export function HelpdeskConnectionView({ connection, t }: { connection: HelpdeskConnection; t: HelpdeskT }) {
  const [replacing, setReplacing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // After connecting, disconnecting or opening the form, the admin lands on what replaced the button.
  const [moved, setMoved] = useState(false);

  return (
    <>
      <p role="status" className={notice ? 'notice' : 'visually-hidden'}>
        {notice}
      </p>
      {connection.connected && !replacing ? (
        <>
          <ConnectedCard
            connection={connection}
            t={t}
            focusTitle={moved}
            onReplace={() => {
              setNotice(null);
              setMoved(true);
              setReplacing(true);
            }}
            onDisconnected={() => {
              setMoved(true);
              setNotice(t('disconnect.done'));
            }}
          />
          <HealthSummary t={t} />
          <Switches connection={connection} t={t} />
        </>
      ) : (
        <CredentialsForm
          initialUrl={connection.url ?? ''}
          t={t}
          focusTitle={moved}
          onCancel={connection.connected ? () => setReplacing(false) : undefined}
          onConnected={(url) => {
            setMoved(true);
            setReplacing(false);
            setNotice(t('connect.connected', { url }));
          }}
        />
      )}
    </>
  );
}

/** A heading that takes the focus when it appears in place of what the admin just used. */
function useFocusedTitle(focus: boolean) {
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) title.current?.focus();
  }, [focus]);
  return title;
}

type CredentialField = 'url' | 'api_key';
interface Refusal {
  field: CredentialField | null;
  text: string;
  explanation?: HelpdeskExplanation;
}

/** A check's outcome: a refusal not tied to one input (an alert) and what passed (a status). */
function Outcome({ refusal, passed, t }: { refusal: Refusal | null; passed: string | null; t: HelpdeskT }) {
  return (
    <>
      {refusal && (
        <div className="field-error" role="alert">
          <p className="error">{refusal.text}</p>
          {refusal.explanation && <HelpdeskAnswer explanation={refusal.explanation} t={t} />}
        </div>
      )}
      <p role="status" className={passed ? 'notice' : 'visually-hidden'}>
        {passed}
      </p>
    </>
  );
}

/** What a refused Authenticate or Save means, and which input it concerns. */
function refusalOf(error: unknown, t: HelpdeskT, fallback: string): Refusal {
  const explanation = explanationOf(error);
  const detailField = error instanceof ApiError ? error.details[0]?.field : undefined;
  const field = explanation?.field ?? detailField;
  return {
    field: field === 'url' || field === 'api_key' ? field : null,
    text: explanation ? causeText(explanation, t) : fallback,
    ...(explanation ? { explanation } : {}),
  };
}

function CredentialsForm({
  initialUrl,
  t,
  focusTitle,
  onCancel,
  onConnected,
}: {
  initialUrl: string;
  t: HelpdeskT;
  focusTitle: boolean;
  onCancel?: () => void;
  onConnected: (url: string) => void;
}) {
  const { t: tShared } = useI18n();
  const api = useHelpdeskApi();
  const queryClient = useQueryClient();
  const id = useId();
  const [url, setUrl] = useState(initialUrl);
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [passed, setPassed] = useState<string | null>(null);
  const title = useFocusedTitle(focusTitle);
  const urlInput = useRef<HTMLInputElement>(null);
  const keyInput = useRef<HTMLInputElement>(null);

  async function run(kind: 'test' | 'save') {
    setBusy(kind);
    setRefusal(null);
    setPassed(null);
    try {
      if (kind === 'test') {
        const { key_owner } = await api.authenticate({ url: url.trim(), api_key: apiKey.trim() });
        setPassed(t('connect.passed', { name: ownerName(key_owner) }));
      } else {
        const saved = await api.connect(url.trim(), apiKey.trim());
        queryClient.setQueryData(connectionKey, saved);
        void queryClient.invalidateQueries({ queryKey: ['helpdesk'] });
        onConnected(saved.url ?? url.trim());
        return;
      }
    } catch (error) {
      const found = refusalOf(error, t, errorText(error, tShared));
      setRefusal(found);
      // The admin lands on the input to fix; its message is read with it.
      (found.field === 'url' ? urlInput : found.field === 'api_key' ? keyInput : null)?.current?.focus();
    }
    setBusy(null);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void run('save');
  }

  const fieldError = (field: CredentialField) =>
    refusal?.field === field ? (
      <div id={`${id}-${field}-error`} className="field-error">
        <p className="error">{refusal.text}</p>
        {refusal.explanation && <HelpdeskAnswer explanation={refusal.explanation} t={t} />}
      </div>
    ) : null;
  const describedBy = (field: CredentialField) =>
    [`${id}-${field}-hint`, refusal?.field === field ? `${id}-${field}-error` : null]
      .filter(Boolean)
      .join(' ');
  const blank = !url.trim() || !apiKey.trim();

  return (
    <form className="helpdesk-card" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`} ref={title} tabIndex={-1}>
        {t('connect.title')}
      </h3>
      <p className="hint">{t('connect.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('connect.url')}</label>
        <input
          ref={urlInput}
          id={`${id}-url`}
          type="url"
          inputMode="url"
          autoComplete="url"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
          aria-invalid={refusal?.field === 'url' ? true : undefined}
          aria-describedby={describedBy('url')}
        />
        <p id={`${id}-url-hint`} className="hint">
          {t('connect.urlHint')}
        </p>
        {fieldError('url')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-key`}>{t('connect.key')}</label>
        <input
          ref={keyInput}
          id={`${id}-key`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={apiKey}
          onChange={(event) => setApiKey(event.target.value)}
          aria-invalid={refusal?.field === 'api_key' ? true : undefined}
          aria-describedby={describedBy('api_key')}
        />
        <p id={`${id}-api_key-hint`} className="hint">
          {t('connect.keyHint')}
        </p>
        {fieldError('api_key')}
      </div>
      <Outcome refusal={refusal?.field === null ? refusal : null} passed={passed} t={t} />
      <div className="helpdesk-buttons">
        <button
          type="button"
          className="secondary"
          disabled={busy !== null || blank}
          onClick={() => void run('test')}
        >
          {busy === 'test' ? t('connect.busy') : t('connect.authenticate')}
        </button>
        <button type="submit" disabled={busy !== null || blank}>
          {busy === 'save' ? t('connect.busy') : t('connect.save')}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('connected.cancelReplace')}
          </button>
        )}
      </div>
    </form>
  );
}

function ConnectedCard({
  connection,
  t,
  focusTitle,
  onReplace,
  onDisconnected,
}: {
  connection: HelpdeskConnection;
  t: HelpdeskT;
  focusTitle: boolean;
  onReplace: () => void;
  onDisconnected: () => void;
}) {
  const { t: tShared, language } = useI18n();
  const api = useHelpdeskApi();
  const queryClient = useQueryClient();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [passed, setPassed] = useState<string | null>(null);
  const title = useFocusedTitle(focusTitle);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const disconnectButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const recheck = useMutation({
    mutationFn: () => api.authenticate(),
    onMutate: () => {
      setRefusal(null);
      setPassed(null);
    },
    onSuccess: ({ key_owner }) => setPassed(t('connected.recheckPassed', { name: ownerName(key_owner) })),
    onError: (error) => setRefusal(refusalOf(error, t, errorText(error, tShared))),
    // Authenticate records the owner (and the time it passed) either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: connectionKey }),
  });
  const disconnect = useMutation({
    mutationFn: () => api.disconnect(),
    onSuccess: async () => {
      setConfirming(false);
      onDisconnected();
      // Disconnected at once, so nothing goes on asking a helpdesk Chat no longer knows (409).
      queryClient.setQueryData<HelpdeskConnection>(connectionKey, (old) =>
        old ? { ...old, connected: false, url: null, key_owner: null, verified_at: null } : old,
      );
      queryClient.removeQueries({
        queryKey: ['helpdesk'],
        predicate: (query) => query.queryKey[1] !== 'connection',
      });
      await queryClient.invalidateQueries({ queryKey: connectionKey });
    },
    onError: (error) => setRefusal(refusalOf(error, t, errorText(error, tShared))),
  });

  const verified = connection.verified_at
    ? new Date(connection.verified_at).toLocaleString(language === 'ja' ? 'ja-JP' : 'en-US')
    : t('connected.never');

  return (
    <section className="helpdesk-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={title} tabIndex={-1}>
        {t('connected.title')}
      </h3>
      <dl className="helpdesk-facts">
        <dt>{t('connected.url')}</dt>
        <dd>{connection.url}</dd>
        <dt>{t('connected.owner')}</dt>
        <dd>{connection.key_owner ? ownerName(connection.key_owner) : '—'}</dd>
        <dt>{t('connected.verified')}</dt>
        <dd>{verified}</dd>
      </dl>
      <Outcome refusal={refusal} passed={passed} t={t} />
      <div className="helpdesk-buttons">
        <button
          type="button"
          className="secondary"
          disabled={recheck.isPending}
          onClick={() => recheck.mutate()}
        >
          {recheck.isPending ? t('connect.busy') : t('connected.recheck')}
        </button>
        <button type="button" className="secondary" onClick={onReplace}>
          {t('connected.replace')}
        </button>
        <button
          ref={disconnectButton}
          type="button"
          className="secondary danger"
          aria-expanded={confirming}
          onClick={() => setConfirming(true)}
        >
          {t('disconnect')}
        </button>
      </div>
      {confirming && (
        <div className="helpdesk-confirm" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>{t('disconnect.confirm')}</p>
          <div className="helpdesk-buttons">
            <button
              ref={confirmButton}
              type="button"
              className="danger"
              disabled={disconnect.isPending}
              onClick={() => disconnect.mutate()}
            >
              {t('disconnect.yes')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setConfirming(false);
                disconnectButton.current?.focus();
              }}
            >
              {t('disconnect.no')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** A line at the top when the mapping would make conversions fail (B5), linking to the mapping. */
function HealthSummary({ t }: { t: HelpdeskT }) {
  const api = useHelpdeskApi();
  const health = useQuery({ queryKey: ['helpdesk', 'mapping-health'], queryFn: api.mappingHealth });
  const count = health.data?.warnings.length ?? 0;
  if (count === 0) return null;
  return (
    <p className="helpdesk-warning">
      {t('health.summary', { count })}{' '}
      <a href={adminPath(SECTION_ID, 'mapping')} onClick={followLink}>
        {t('health.open')}
      </a>
    </p>
  );
}

/** The four switches; each saves on change and says so (or why not). */
function Switches({ connection, t }: { connection: HelpdeskConnection; t: HelpdeskT }) {
  const { t: tShared } = useI18n();
  const api = useHelpdeskApi();
  const queryClient = useQueryClient();
  const id = useId();
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  // The switch shows the admin's choice while it saves; a refusal puts it back.
  const [pending, setPending] = useState<Partial<Record<SettingName, boolean>>>({});
  const change = useMutation({
    mutationFn: (changes: Partial<Record<SettingName, boolean>>) => api.changeSettings(changes),
    onMutate: (changes) => {
      setPending(changes);
      setStatus({ text: t('switches.saving'), error: false });
    },
    onSettled: () => setPending({}),
    onSuccess: (saved, changes) => {
      queryClient.setQueryData(connectionKey, saved);
      const name = Object.keys(changes)[0] as SettingName;
      setStatus({ text: t('switches.saved', { setting: t(`setting.${name}`) }), error: false });
    },
    onError: (error) => {
      const explanation = explanationOf(error);
      setStatus({ text: explanation ? causeText(explanation, t) : errorText(error, tShared), error: true });
    },
  });

  return (
    <fieldset className="helpdesk-card helpdesk-switches" aria-describedby={`${id}-status`}>
      <legend>{t('switches.title')}</legend>
      {SETTING_NAMES.map((name) => (
        <div key={name} className="helpdesk-switch">
          <input
            id={`${id}-${name}`}
            type="checkbox"
            checked={pending[name] ?? connection.settings[name]}
            disabled={change.isPending}
            onChange={(event) => change.mutate({ [name]: event.target.checked })}
          />
          <label htmlFor={`${id}-${name}`}>{t(`setting.${name}`)}</label>
        </div>
      ))}
      <p id={`${id}-status`} role="status" className={status?.error ? 'error' : 'hint'}>
        {status?.text}
      </p>
    </fieldset>
  );
}
