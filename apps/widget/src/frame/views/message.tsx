import type { UserMessage } from '@tandem/protocol';
import type { Controller } from '../controller.js';
import { formatSize } from '../i18n.js';
import { partViews, type PartView } from '../parts.js';
import type { AppState } from '../state.js';
import type { PendingMessage } from '../timeline.js';

const timeFormats = new Map<string, Intl.DateTimeFormat>();
function timeOf(iso: string, locale: string) {
  let format = timeFormats.get(locale);
  if (!format) timeFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { timeStyle: 'short' })));
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : format.format(date);
}

function Parts({ c, parts }: { c: Controller; parts: readonly unknown[] }) {
  return (
    <>
      {partViews(parts, c.base).map((part, i) => (
        <Part key={i} c={c} part={part} />
      ))}
    </>
  );
}

function Part({ c, part }: { c: Controller; part: PartView }) {
  const { t } = c;
  switch (part.kind) {
    case 'text':
      return <p class="tc-text">{part.text}</p>;
    case 'image':
      return (
        <a href={part.url} target="_blank" rel="noopener noreferrer" class="tc-image">
          <img src={part.url} alt={t('image')} loading="lazy" />
        </a>
      );
    case 'file':
      return (
        <a href={part.url} target="_blank" rel="noopener noreferrer" download={part.name} class="tc-file">
          {part.size === undefined
            ? part.name
            : t('openFile', { name: part.name, size: formatSize(part.size) })}
        </a>
      );
    case 'link':
      return (
        <a href={part.url} target="_blank" rel="noopener noreferrer" class="tc-button tc-button-quiet">
          {part.label}
        </a>
      );
    case 'reply':
      return (
        <button type="button" class="tc-button tc-button-quiet" onClick={() => c.sendReply(part)}>
          {part.label}
        </button>
      );
  }
}

/** A delivered message: the visitor's own (right), an agent's (left, with a name), or a notice. */
export function MessageView(props: { c: Controller; state: AppState; message: UserMessage; seen: boolean }) {
  const { c, state, message, seen } = props;
  const { t } = c;
  if (message.actor_type === 'system' || message.message_type === 'system') {
    return (
      <div class="tc-system" data-seq={message.seq}>
        <span class="tc-vh">{t('system')}: </span>
        <Parts c={c} parts={message.message_parts} />
      </div>
    );
  }
  const own = message.actor_type === 'user';
  return (
    <div class={`tc-msg ${own ? 'tc-own' : 'tc-theirs'}`} data-seq={message.seq}>
      <p class={own ? 'tc-vh' : 'tc-sender'}>{own ? t('you') : state.agent?.name || t('support')}</p>
      <div class="tc-bubble">
        <Parts c={c} parts={message.message_parts} />
      </div>
      <p class="tc-meta">
        <time dateTime={message.created_time}>{timeOf(message.created_time, state.locale)}</time>
        {seen ? <span class="tc-seen"> · {t('seen')}</span> : null}
      </p>
    </div>
  );
}

/** A message of the visitor's the server has not shown back yet: sending, or refused with a reason. */
export function PendingView(props: { c: Controller; state: AppState; pending: PendingMessage }) {
  const { c, state, pending } = props;
  const { t } = c;
  return (
    <div class="tc-msg tc-own tc-pending" data-status={pending.status} data-client-id={pending.clientId}>
      <p class="tc-vh">{t('you')}</p>
      <div class="tc-bubble">
        <Parts c={c} parts={pending.parts} />
      </div>
      <p class="tc-meta">
        {pending.status === 'failed' ? (
          <>
            <span class="tc-error">{t('notSent', { reason: pending.error ?? t('genericError') })}</span>{' '}
            <button type="button" class="tc-link" onClick={() => c.retry(pending.clientId)}>
              {t('retry')}
            </button>{' '}
            <button type="button" class="tc-link" onClick={() => c.discard(pending.clientId)}>
              {t('discard')}
            </button>
          </>
        ) : pending.status === 'sending' ? (
          <span>{t('sending')}</span>
        ) : (
          <time dateTime={pending.createdTime}>{timeOf(pending.createdTime, state.locale)}</time>
        )}
      </p>
    </div>
  );
}
