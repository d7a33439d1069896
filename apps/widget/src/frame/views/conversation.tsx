import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Controller } from '../controller.js';
import { pickText } from '../i18n.js';
import type { AppState } from '../state.js';
import { seenMessageSeq } from '../timeline.js';
import { Composer } from './composer.js';
import { Csat } from './csat.js';
import { MessageView, PendingView } from './message.js';
import { Prechat } from './prechat.js';

/** The conversation: notices, the message log, the CSAT survey, and the composer. */
export function Conversation({ c, state }: { c: Controller; state: AppState }) {
  const { t } = c;
  const { timeline } = state;
  const log = useRef<HTMLDivElement>(null);
  const count = timeline.messages.length + timeline.pending.length;
  const seen = seenMessageSeq(timeline);

  // Follow new messages while the visitor is at (or near) the bottom.
  const atBottom = useRef(true);
  useLayoutEffect(() => {
    const el = log.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [count, state.agentTyping, state.csat?.status]);

  if (state.prechat && state.prechatNeeded)
    return (
      <Prechat
        c={c}
        fields={state.prechat.fields}
        message={state.prechat.message}
        user={state.user}
        locale={state.locale}
      />
    );

  return (
    <section class="tc-conversation" aria-label={t('messages')}>
      {state.connection !== 'online' ? (
        <p class="tc-banner" role="status">
          {state.connection === 'offline' ? t('offline') : t('connecting')}
        </p>
      ) : null}
      {!state.teamAvailable ? <Away c={c} state={state} /> : null}
      <div
        class="tc-log"
        ref={log}
        role="log"
        aria-label={t('messages')}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        {state.hasEarlier ? (
          <button type="button" class="tc-link tc-earlier" onClick={() => void c.loadEarlier()}>
            {t('earlier')}
          </button>
        ) : null}
        {count === 0 ? <p class="tc-empty">{pickText(state.greeting, state.locale) ?? t('empty')}</p> : null}
        {timeline.messages.map((message) => (
          <MessageView key={message.seq} c={c} state={state} message={message} seen={message.seq === seen} />
        ))}
        {timeline.pending.map((pending) => (
          <PendingView key={pending.clientId} c={c} state={state} pending={pending} />
        ))}
        {state.agentTyping ? (
          <p class="tc-typing">{t('typing', { name: state.agent?.name || t('support') })}</p>
        ) : null}
        {state.conversation?.status === 'resolved' && !state.csat ? (
          <p class="tc-system">{t('resolved')}</p>
        ) : null}
      </div>
      {state.csat ? <Csat c={c} csat={state.csat} /> : null}
      <Composer c={c} state={state} />
    </section>
  );
}

/** No agent available: say so, and ask for an email to answer by (the message is still taken). */
function Away({ c, state }: { c: Controller; state: AppState }) {
  const { t } = c;
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const email = state.emailGiven ?? state.user?.email;
  return (
    <div class="tc-away">
      <p>{t('noAgents')}</p>
      {email ? (
        <p role="status">{t('emailSaved', { email })}</p>
      ) : (
        <form
          class="tc-inline-form"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            const problem = await c.giveEmail(value);
            setBusy(false);
            setError(problem);
          }}
        >
          <label for="tc-away-email">{t('emailLabel')}</label>
          <div class="tc-row">
            <input
              id="tc-away-email"
              type="email"
              autocomplete="email"
              required
              value={value}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? 'tc-away-email-error' : undefined}
              onInput={(e) => setValue(e.currentTarget.value)}
            />
            <button type="submit" class="tc-button" disabled={busy}>
              {t('emailSave')}
            </button>
          </div>
          {error ? (
            <p id="tc-away-email-error" class="tc-error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      )}
    </div>
  );
}
