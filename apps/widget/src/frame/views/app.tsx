import type { Controller } from '../controller.js';
import { safeUrl } from '../parts.js';
import { unreadOf } from '../state.js';
import { useStore } from '../store.js';
import { Conversation } from './conversation.js';
import { Faq } from './faq.js';

/** The panel: header (agent, close), the two sections (chat, help articles), and the section shown. */
export function App({ c }: { c: Controller }) {
  const state = useStore(c.store);
  const { t } = c;
  const unread = unreadOf(state);
  const avatar = state.agent ? safeUrl(state.agent.avatarUrl, c.base) : undefined;
  const ready = state.phase === 'ready';

  return (
    <div class="tc-panel">
      <header class="tc-header">
        {avatar ? (
          <img class="tc-avatar" src={avatar} alt={t('agentAvatar', { name: state.agent!.name })} />
        ) : null}
        <div class="tc-heading">
          <h1 class="tc-title">{t('title')}</h1>
          {state.agent?.name ? <p class="tc-subtitle">{state.agent.name}</p> : null}
        </div>
        <button type="button" class="tc-close" aria-label={t('close')} onClick={c.closePanel}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <nav class="tc-tabs" aria-label={t('tabs')}>
        <button
          type="button"
          class="tc-tab"
          aria-current={state.tab === 'chat' ? 'page' : undefined}
          onClick={() => c.setTab('chat')}
        >
          {t('tabChat')}
          {unread > 0 && state.tab !== 'chat' ? (
            <span class="tc-badge" aria-label={`(${unread})`}>
              {unread}
            </span>
          ) : null}
        </button>
        <button
          type="button"
          class="tc-tab"
          aria-current={state.tab === 'faq' ? 'page' : undefined}
          onClick={() => c.setTab('faq')}
        >
          {t('tabFaq')}
        </button>
      </nav>
      <main class="tc-main">
        {state.phase === 'failed' ? (
          <div class="tc-center">
            <p role="alert">{t('startFailed')}</p>
            <button type="button" class="tc-button" onClick={c.retryStart}>
              {t('tryAgain')}
            </button>
          </div>
        ) : !ready ? (
          <p class="tc-center" role="status">
            {t('starting')}
          </p>
        ) : state.tab === 'chat' ? (
          <Conversation c={c} state={state} />
        ) : (
          <Faq c={c} locale={state.locale} />
        )}
      </main>
    </div>
  );
}
