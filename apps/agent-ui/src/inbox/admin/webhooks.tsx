import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, errorText } from '../../shared/api.js';
import { useCatalogue, useI18n, type Catalogue } from '../../shared/i18n.js';
import { useInbox } from '../inbox-context.js';
import { adminPath, navigate } from '../routes.js';
import {
  AdminLink,
  AdminTable,
  commonText,
  CopyButton,
  ErrorAlert,
  Field,
  fieldErrorsOf,
  FormActions,
  FormHead,
  ListScreen,
  QueryState,
  SavedHint,
} from './account-common.js';
import './webhooks.css';

const EVENTS = [
  'message_create',
  'conversation_assignment',
  'conversation_resolution',
  'conversation_reopen',
] as const;
type WebhookEvent = (typeof EVENTS)[number];
type DeliveryState = 'delivered' | 'retry_scheduled' | 'retried' | 'given_up' | 'failed';

const en = {
  title: 'Webhooks',
  intro:
    'Chat POSTs each chosen event as JSON to your URL, signed with the webhook secret (X-Tandem-Signature: sha256=HMAC of the body). Failed deliveries are retried with a growing delay.',
  add: 'Add a webhook',
  newTitle: 'New webhook',
  editTitle: 'Webhook {url}',
  url: 'URL',
  urlHint: 'An http:// or https:// address that accepts POST requests.',
  urlInvalid: 'Enter a full http:// or https:// URL.',
  events: 'Events',
  eventsNone: 'Choose at least one event.',
  'event.message_create': 'A message is sent (message_create)',
  'event.conversation_assignment': 'A conversation is assigned (conversation_assignment)',
  'event.conversation_resolution': 'A conversation is resolved (conversation_resolution)',
  'event.conversation_reopen': 'A conversation is reopened (conversation_reopen)',
  active: 'Active (deliver events)',
  activeShort: 'Active',
  paused: 'Paused',
  create: 'Create webhook',
  created: 'Created',
  status: 'Status',
  empty: 'No webhooks yet.',
  notFound: 'This webhook does not exist.',
  secretTitle: 'Signing secret',
  secretOnce: 'Copy the secret now: it is shown this once. Use it to check the X-Tandem-Signature header.',
  secretLabel: 'Webhook signing secret',
  secretDone: 'I have copied it',
  rotate: 'Rotate secret',
  rotateConfirm: 'Replace the secret (the old one stops at once)',
  rotateHint: 'Deliveries from now on, retries included, are signed with the new secret.',
  deleted: 'Webhook deleted.',
  log: 'Delivery log',
  logEmpty: 'Nothing delivered yet.',
  refresh: 'Refresh',
  time: 'Time',
  event: 'Event',
  attempt: 'Attempt',
  attemptOf: '{attempt} of {max}',
  response: 'Response',
  nextRetry: 'Next retry',
  noResponse: 'No response',
  duration: '{ms} ms',
  'state.delivered': 'Delivered',
  'state.retry_scheduled': 'Failed, will retry',
  'state.retried': 'Failed, retried',
  'state.given_up': 'Failed, gave up',
  'state.failed': 'Failed',
  page: 'Page {page} of {pages}',
  previous: 'Previous page',
  next: 'Next page',
  pages: 'Delivery log pages',
} as const;

const ja: Record<keyof typeof en, string> = {
  title: 'Webhook',
  intro:
    '選んだイベントごとに、Chat が JSON をあなたの URL に POST します。Webhook シークレットで署名されます（X-Tandem-Signature: 本文の sha256 HMAC）。失敗した配信は間隔を空けて再試行されます。',
  add: 'Webhook を追加',
  newTitle: '新しい Webhook',
  editTitle: 'Webhook {url}',
  url: 'URL',
  urlHint: 'POST リクエストを受け付ける http:// または https:// のアドレス。',
  urlInvalid: 'http:// または https:// で始まる完全な URL を入力してください。',
  events: 'イベント',
  eventsNone: 'イベントを 1 つ以上選んでください。',
  'event.message_create': 'メッセージの送信（message_create）',
  'event.conversation_assignment': '会話の割り当て（conversation_assignment）',
  'event.conversation_resolution': '会話の解決（conversation_resolution）',
  'event.conversation_reopen': '会話の再オープン（conversation_reopen）',
  active: '有効（イベントを配信する）',
  activeShort: '有効',
  paused: '停止中',
  create: 'Webhook を作成',
  created: '作成日時',
  status: '状態',
  empty: 'Webhook はまだありません。',
  notFound: 'この Webhook は存在しません。',
  secretTitle: '署名シークレット',
  secretOnce:
    '今すぐシークレットをコピーしてください。表示されるのはこの一度だけです。X-Tandem-Signature ヘッダーの検証に使います。',
  secretLabel: 'Webhook 署名シークレット',
  secretDone: 'コピーしました',
  rotate: 'シークレットを再発行',
  rotateConfirm: 'シークレットを置き換える（古いものはすぐに無効）',
  rotateHint: 'これ以降の配信（再試行を含む）は新しいシークレットで署名されます。',
  deleted: 'Webhook を削除しました。',
  log: '配信ログ',
  logEmpty: 'まだ配信はありません。',
  refresh: '更新',
  time: '日時',
  event: 'イベント',
  attempt: '試行',
  attemptOf: '{attempt} / {max}',
  response: '応答',
  nextRetry: '次の再試行',
  noResponse: '応答なし',
  duration: '{ms} ミリ秒',
  'state.delivered': '配信済み',
  'state.retry_scheduled': '失敗（再試行予定）',
  'state.retried': '失敗（再試行済み）',
  'state.given_up': '失敗（中止）',
  'state.failed': '失敗',
  page: '{page} / {pages} ページ',
  previous: '前のページ',
  next: '次のページ',
  pages: '配信ログのページ',
};

const webhooksText = { en, ja } satisfies Catalogue<keyof typeof en>;

interface Webhook {
  id: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  created_time: string;
  updated_time: string;
}

interface Delivery {
  id: string;
  event: string;
  status_code: number | null;
  error: string | null;
  attempt: number;
  duration_ms: number;
  state: DeliveryState;
  max_attempts: number | null;
  next_retry_time: string | null;
  created_time: string;
}

interface Page {
  current_page: number;
  items_per_page: number;
  total_items: number;
  total_pages: number;
}

/** A full http(s) URL, as the server requires (it checks again, and refuses private addresses). */
export function isWebhookUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname;
  } catch {
    return false;
  }
}

/** Admin > Webhooks: the list, a new webhook (`new`), or one webhook with its delivery log (its id). */
export default function WebhooksScreen({ rest }: { rest: string[] }) {
  // The secret of a webhook just created or rotated, shown once on its page.
  const [secret, setSecret] = useState<{ id: string; secret: string } | null>(null);
  const [first] = rest;
  if (first === 'new')
    return (
      <WebhookForm
        webhook={null}
        onCreated={(made) => {
          setSecret({ id: made.id, secret: made.secret });
          navigate(adminPath('webhooks', made.id));
        }}
      />
    );
  if (first)
    return (
      <WebhookPage
        key={first}
        id={first}
        secret={secret?.id === first ? secret.secret : null}
        onSecret={(value) => setSecret(value === null ? null : { id: first, secret: value })}
      />
    );
  return <WebhookList />;
}

function useWebhooks() {
  const { client } = useInbox();
  return useQuery({
    queryKey: ['admin', 'webhooks'],
    queryFn: async () => {
      const all: Webhook[] = [];
      for (let page = 1; ; page += 1) {
        const res = await client.request<{ webhooks: Webhook[]; pagination: Page }>(
          'GET',
          `/webhooks?items_per_page=50&page=${page}`,
        );
        all.push(...res.webhooks);
        if (page >= res.pagination.total_pages) return all;
      }
    },
  });
}

function WebhookList() {
  const t = useCatalogue(webhooksText);
  const { language } = useI18n();
  const webhooks = useWebhooks();
  const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
  return (
    <ListScreen
      section="webhooks"
      title={t('title')}
      addLabel={t('add')}
      intro={t('intro')}
      query={webhooks}
      empty={t('empty')}
      columns={[t('url'), t('events'), t('status'), t('created')]}
      row={(webhook) => (
        <tr key={webhook.id} className={webhook.active ? undefined : 'inactive'}>
          <td className="webhooks-url">
            <AdminLink href={adminPath('webhooks', webhook.id)}>{webhook.url}</AdminLink>
          </td>
          <td>
            <ul className="webhooks-events">
              {webhook.events.map((event) => (
                <li key={event}>
                  <code>{event}</code>
                </li>
              ))}
            </ul>
          </td>
          <td>{webhook.active ? t('activeShort') : t('paused')}</td>
          <td>{format.format(new Date(webhook.created_time))}</td>
        </tr>
      )}
    />
  );
}

function WebhookPage({
  id,
  secret,
  onSecret,
}: {
  id: string;
  secret: string | null;
  onSecret(secret: string | null): void;
}) {
  const t = useCatalogue(webhooksText);
  const c = useCatalogue(commonText);
  const { t: shared } = useI18n();
  const { client } = useInbox();
  const webhook = useQuery({
    queryKey: ['admin', 'webhooks', id],
    queryFn: () => client.request<Webhook>('GET', `/webhooks/${id}`),
  });
  if (webhook.isPending) return <p>{c('loading')}</p>;
  if (webhook.isError)
    return (
      <section className="admin-screen">
        <p role="alert">
          {webhook.error instanceof ApiError && webhook.error.status === 404
            ? t('notFound')
            : errorText(webhook.error, shared)}
        </p>
        <AdminLink href={adminPath('webhooks')}>{c('back')}</AdminLink>
      </section>
    );
  return (
    <>
      <WebhookForm webhook={webhook.data} secret={secret} onSecret={onSecret} />
      <DeliveryLog id={id} />
    </>
  );
}

function WebhookForm({
  webhook,
  secret = null,
  onCreated,
  onSecret,
}: {
  webhook: Webhook | null;
  secret?: string | null;
  onCreated?(made: Webhook & { secret: string }): void;
  onSecret?(secret: string | null): void;
}) {
  const t = useCatalogue(webhooksText);
  const c = useCatalogue(commonText);
  const { client } = useInbox();
  const queries = useQueryClient();
  const [url, setUrl] = useState(webhook?.url ?? '');
  const [events, setEvents] = useState<WebhookEvent[]>(webhook?.events ?? ['message_create']);
  const [active, setActive] = useState(webhook?.active ?? true);
  const [checked, setChecked] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const body = { url: url.trim(), events, active };
      return webhook
        ? client.request<Webhook>('PUT', `/webhooks/${webhook.id}`, body)
        : client.request<Webhook & { secret: string }>('POST', '/webhooks', body);
    },
    onSuccess: (result) => {
      void queries.invalidateQueries({ queryKey: ['admin', 'webhooks'] });
      if (!webhook) onCreated?.(result as Webhook & { secret: string });
      else setSaved(true);
    },
  });
  const rotate = useMutation({
    mutationFn: () =>
      client.request<Webhook & { secret: string }>('POST', `/webhooks/${webhook!.id}/rotate_secret`),
    onSuccess: (result) => onSecret?.(result.secret),
  });
  const remove = useMutation({
    mutationFn: () => client.request<void>('DELETE', `/webhooks/${webhook!.id}`),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['admin', 'webhooks'] });
      navigate(adminPath('webhooks'));
    },
  });
  const server = fieldErrorsOf(save.error);
  const local = {
    url: checked && !isWebhookUrl(url) ? t('urlInvalid') : undefined,
    events: checked && events.length === 0 ? t('eventsNone') : undefined,
  };
  const errors = { url: local.url ?? server.url, events: local.events ?? server.events };

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    setSaved(false);
    if (!isWebhookUrl(url) || events.length === 0) {
      // Focus the first field in error so keyboard and screen-reader users land on it.
      const form = event.currentTarget as HTMLFormElement;
      queueMicrotask(() =>
        form.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid] input')?.focus(),
      );
      return;
    }
    save.mutate();
  }

  const toggle = (name: WebhookEvent, on: boolean) =>
    setEvents((list) =>
      on ? EVENTS.filter((e) => e === name || list.includes(e)) : list.filter((e) => e !== name),
    );

  return (
    <section className="admin-screen" aria-labelledby="webhook-title">
      <FormHead
        titleId="webhook-title"
        titleClassName="webhooks-title"
        title={webhook ? t('editTitle', { url: webhook.url }) : t('newTitle')}
        backHref={adminPath('webhooks')}
      />
      {secret && (
        <div className="webhooks-secret" role="region" aria-labelledby="webhook-secret-title">
          <h3 id="webhook-secret-title">{t('secretTitle')}</h3>
          <p className="notice">{t('secretOnce')}</p>
          <div className="admin-copy-row">
            <input aria-label={t('secretLabel')} readOnly value={secret} data-testid="webhook-secret" />
            <CopyButton text={secret} label={c('copy')} name={`${c('copy')}: ${t('secretLabel')}`} />
          </div>
          <button type="button" className="secondary" onClick={() => onSecret?.(null)}>
            {t('secretDone')}
          </button>
        </div>
      )}
      <form className="admin-form" onSubmit={submit} noValidate>
        <Field label={t('url')} hint={t('urlHint')} error={errors.url}>
          {(props) => (
            <input
              {...props}
              type="url"
              inputMode="url"
              value={url}
              required
              maxLength={2000}
              onChange={(event) => setUrl(event.target.value)}
            />
          )}
        </Field>
        <fieldset
          className="admin-checks"
          data-invalid={errors.events ? true : undefined}
          aria-describedby={errors.events ? 'webhook-events-error' : undefined}
        >
          <legend>{t('events')}</legend>
          {EVENTS.map((name) => (
            <label key={name}>
              <input
                type="checkbox"
                checked={events.includes(name)}
                onChange={(event) => toggle(name, event.target.checked)}
              />
              {t(`event.${name}`)}
            </label>
          ))}
          {errors.events && (
            <p id="webhook-events-error" className="error">
              {errors.events}
            </p>
          )}
        </fieldset>
        <label className="admin-check">
          <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />
          {t('active')}
        </label>
        <ErrorAlert error={!server.url && !server.events ? save.error : null} />
        <SavedHint saved={saved} />
        <FormActions
          saving={save.isPending}
          label={webhook ? c('save') : t('create')}
          remove={!!webhook && remove}
        />
      </form>
      {webhook && (
        <div className="admin-subsection">
          <h3>{t('secretTitle')}</h3>
          <p className="hint">{t('rotateHint')}</p>
          <RotateButton busy={rotate.isPending} onConfirm={() => rotate.mutate()} />
          <ErrorAlert error={rotate.error} />
        </div>
      )}
    </section>
  );
}

function RotateButton({ busy, onConfirm }: { busy: boolean; onConfirm(): void }) {
  const t = useCatalogue(webhooksText);
  const c = useCatalogue(commonText);
  const [armed, setArmed] = useState(false);
  return armed ? (
    <span className="admin-confirm">
      <button
        type="button"
        className="danger"
        disabled={busy}
        onClick={() => {
          setArmed(false);
          onConfirm();
        }}
      >
        {t('rotateConfirm')}
      </button>
      <button type="button" className="secondary" onClick={() => setArmed(false)}>
        {c('cancel')}
      </button>
    </span>
  ) : (
    <button type="button" className="secondary" onClick={() => setArmed(true)}>
      {t('rotate')}
    </button>
  );
}

const PAGE_SIZE = 20;

/** The webhook's delivery attempts, newest first, a page at a time; refreshed while a retry is due. */
function DeliveryLog({ id }: { id: string }) {
  const t = useCatalogue(webhooksText);
  const { language } = useI18n();
  const { client } = useInbox();
  const [page, setPage] = useState(1);
  const log = useQuery({
    queryKey: ['admin', 'webhooks', id, 'deliveries', page],
    queryFn: () =>
      client.request<{ deliveries: Delivery[]; pagination: Page }>(
        'GET',
        `/webhooks/${id}/deliveries?items_per_page=${PAGE_SIZE}&page=${page}`,
      ),
    placeholderData: keepPreviousData,
    // While a retry is due the log changes on its own: look again every 10 s.
    refetchInterval: (query) =>
      query.state.data?.deliveries.some((delivery) => delivery.state === 'retry_scheduled') ? 10_000 : false,
  });
  const format = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' });
  const pages = log.data?.pagination.total_pages ?? 1;
  return (
    <section className="admin-screen webhooks-log" aria-labelledby="webhook-log-title">
      <div className="admin-head">
        <h3 id="webhook-log-title">{t('log')}</h3>
        <button
          type="button"
          className="secondary"
          onClick={() => void log.refetch()}
          disabled={log.isFetching}
        >
          {t('refresh')}
        </button>
      </div>
      <QueryState query={log} empty={t('logEmpty')} isEmpty={(data) => data.deliveries.length === 0}>
        {(data) => (
          <>
            <AdminTable
              labelledBy="webhook-log-title"
              columns={[t('time'), t('event'), t('status'), t('response'), t('attempt'), t('nextRetry')]}
            >
              {data.deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <td>
                    <time dateTime={delivery.created_time}>
                      {format.format(new Date(delivery.created_time))}
                    </time>
                  </td>
                  <td>
                    <code>{delivery.event}</code>
                  </td>
                  <td>
                    <span className={`webhooks-state webhooks-state-${delivery.state}`}>
                      {t(`state.${delivery.state}`)}
                    </span>
                  </td>
                  <td>
                    {delivery.status_code ?? t('noResponse')}
                    {delivery.error && delivery.status_code === null && (
                      <span className="webhooks-error">{delivery.error}</span>
                    )}
                    <span className="hint webhooks-duration">
                      {t('duration', { ms: delivery.duration_ms })}
                    </span>
                  </td>
                  <td>
                    {delivery.max_attempts
                      ? t('attemptOf', { attempt: delivery.attempt, max: delivery.max_attempts })
                      : delivery.attempt}
                  </td>
                  <td>
                    {delivery.next_retry_time ? (
                      <time dateTime={delivery.next_retry_time}>
                        {format.format(new Date(delivery.next_retry_time))}
                      </time>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </AdminTable>
            {pages > 1 && (
              <nav className="admin-actions" aria-label={t('pages')}>
                <button
                  type="button"
                  className="secondary"
                  disabled={page <= 1}
                  onClick={() => setPage(page - 1)}
                >
                  {t('previous')}
                </button>
                <span aria-live="polite">{t('page', { page, pages })}</span>
                <button
                  type="button"
                  className="secondary"
                  disabled={page >= pages}
                  onClick={() => setPage(page + 1)}
                >
                  {t('next')}
                </button>
              </nav>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
