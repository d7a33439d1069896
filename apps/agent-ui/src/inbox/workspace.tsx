import { useI18n } from '../shared/i18n.js';
import { LanguageSelect } from '../shared/language-select.js';
import { fullName, VIEWS, type ConversationView } from './chat-api.js';
import { ConversationList } from './conversation-list.js';
import { ConversationPane } from './conversation-pane.js';
import { isChatAdmin, useInbox } from './inbox-context.js';
import { useAgentSocket } from './realtime.js';
import { adminPath, followLink, inboxPath } from './routes.js';

/**
 * The signed-in inbox: the views, the list of the current view and the open conversation side by
 * side; below ~700 px one at a time (the list, or the conversation with a way back).
 */
export function Workspace({
  token,
  view,
  conversationId,
  onSessionEnded,
}: {
  token: string;
  view: ConversationView;
  conversationId: string | null;
  onSessionEnded: () => void;
}) {
  const { t } = useI18n();
  const { me, signOut } = useInbox();
  const live = useAgentSocket(token, onSessionEnded);

  return (
    <div className={`workspace${conversationId ? ' has-conversation' : ''}`}>
      <header className="topbar">
        <h1>{t('inbox.title')}</h1>
        <span className="whoami">{t('inbox.signedInAs', { name: fullName(me) || me.email })}</span>
        {isChatAdmin(me) ? (
          <a href={adminPath()} onClick={followLink}>
            {t('admin.link')}
          </a>
        ) : null}
        <LanguageSelect />
        <button type="button" className="secondary" onClick={signOut}>
          {t('signOut')}
        </button>
        <p className="offline" role="status">
          {live ? '' : t('live.offline')}
        </p>
      </header>
      <nav className="views" aria-label={t('views.label')}>
        <ul>
          {VIEWS.map((option) => (
            <li key={option}>
              <a
                href={inboxPath(option)}
                onClick={followLink}
                aria-current={option === view ? 'page' : undefined}
              >
                {t(`view.${option}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ConversationList view={view} selectedId={conversationId} />
      {conversationId ? (
        <ConversationPane key={conversationId} view={view} conversationId={conversationId} />
      ) : (
        <main className="pane pane-empty">
          <p>{t('conversation.none')}</p>
        </main>
      )}
    </div>
  );
}
