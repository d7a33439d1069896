import { useInfiniteQuery } from '@tanstack/react-query';
import { errorText } from '../shared/api.js';
import { useI18n } from '../shared/i18n.js';
import type { ReactNode } from 'react';
import { fullName, type Conversation, type ConversationView } from './chat-api.js';
import { useInbox } from './inbox-context.js';
import { followLink, inboxPath } from './routes.js';
import { useAgents, userName, useUsers } from './users.js';

/** One view's conversations, newest activity first, a page at a time (keyset cursor). */
export function ConversationList({
  view,
  selectedId,
  onOpen,
  extra,
}: {
  view: ConversationView;
  selectedId: string | null;
  /** Opens a conversation in place instead of navigating (Desk's chat panel). */
  onOpen?: (conversationId: string) => void;
  /** More to show in an item (the panel's unread count). */
  extra?: (conversation: Conversation) => ReactNode;
}) {
  const { t, language } = useI18n();
  const { api } = useInbox();
  const list = useInfiniteQuery({
    queryKey: ['conversations', view],
    queryFn: ({ pageParam }) => api.conversations(view, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const conversations = list.data?.pages.flatMap((page) => page.conversations) ?? [];
  const users = useUsers(conversations.map((c) => c.users[0]?.id ?? '').filter(Boolean));
  const agents = useAgents();
  const format = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
  const viewName = t(`view.${view}`);

  return (
    <section className="list" aria-label={t('list.label', { view: viewName })}>
      <h2 className="visually-hidden">{t('list.label', { view: viewName })}</h2>
      {list.isPending && <p className="muted">{t('list.loading')}</p>}
      {list.isError && (
        <p className="error" role="alert">
          {errorText(list.error, t)}
        </p>
      )}
      {list.isSuccess && conversations.length === 0 && <p className="muted">{t('list.empty')}</p>}
      <ul>
        {conversations.map((conversation) => {
          const user = users.data?.get(conversation.users[0]?.id ?? '');
          const agent = conversation.assigned_agent_id
            ? agents.data?.get(conversation.assigned_agent_id)
            : undefined;
          return (
            <li key={conversation.id}>
              <a
                href={inboxPath(view, conversation.id)}
                onClick={
                  onOpen
                    ? (event) => {
                        event.preventDefault();
                        onOpen(conversation.id);
                      }
                    : followLink
                }
                aria-current={conversation.id === selectedId ? 'page' : undefined}
                className="list-item"
              >
                <span className="list-name">{userName(user, t)}</span>
                <span className={`badge status-${conversation.status}`}>
                  {t(`status.${conversation.status}`)}
                </span>
                <span className="list-meta">
                  {conversation.assigned_agent_id
                    ? t('list.assignedTo', { name: agent ? fullName(agent) || agent.email : t('someone') })
                    : t('list.unassigned')}
                </span>
                <time className="list-meta" dateTime={conversation.updated_time}>
                  {format.format(new Date(conversation.updated_time))}
                </time>
                {extra?.(conversation)}
              </a>
            </li>
          );
        })}
      </ul>
      {list.hasNextPage && (
        <button
          type="button"
          className="secondary"
          onClick={() => void list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
        >
          {list.isFetchingNextPage ? t('list.loading') : t('list.more')}
        </button>
      )}
    </section>
  );
}
