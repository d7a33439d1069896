import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { errorText } from '../shared/api.js';
import {
  Composer,
  MessageThread,
  UserCard,
  type ThreadMessage,
  type UserCardData,
} from '../shared/conversation/index.js';
import { useI18n, type Translate } from '../shared/i18n.js';
import {
  fullName,
  type Agent,
  type ChatUser,
  type Conversation,
  type ConversationView,
  type Message,
  type UserField,
} from './chat-api.js';
import { ResolveActions } from './convert/index.js';
import { useInbox } from './inbox-context.js';
import { mergeMessages } from './realtime.js';
import { followLink, inboxPath } from './routes.js';
import { useAgents, userName } from './users.js';

function toThread(
  messages: Message[],
  context: { me: Agent; agents: Map<string, Agent> | undefined; user: string; t: Translate },
): ThreadMessage[] {
  const { me, agents, user, t } = context;
  return messages.map((message) => {
    let author = user;
    if (message.actor_type === 'system') author = t('message.system');
    else if (message.actor_type === 'agent') {
      const agent = message.actor_id ? agents?.get(message.actor_id) : undefined;
      author =
        message.actor_id === me.id ? t('message.you') : agent ? fullName(agent) || agent.email : t('someone');
    }
    return {
      id: message.id,
      author,
      side: message.actor_type === 'user' ? 'customer' : message.actor_type === 'agent' ? 'staff' : 'system',
      note: message.message_type === 'private',
      parts: message.message_parts,
      time: message.created_time,
    };
  });
}

function toUserCard(user: ChatUser | undefined, fields: UserField[] | undefined, t: Translate): UserCardData {
  const labels = new Map((fields ?? []).map((field) => [field.name, field.label ?? field.name]));
  return {
    name: userName(user, t),
    email: user?.email ?? null,
    phone: user?.phone ?? null,
    referenceId: user?.reference_id ?? null,
    properties: (user?.properties ?? []).map((p) => ({
      name: p.name,
      label: labels.get(p.name) ?? p.name,
      value: p.value,
    })),
  };
}

/**
 * One conversation: its messages (history, then live), reply and private note, the user's details
 * with custom properties, assignment and resolve. Every failure is shown next to what caused it.
 */
export function ConversationPane({
  view,
  conversationId,
  onBack,
}: {
  view: ConversationView;
  conversationId: string;
  /** Goes back in place instead of navigating (Desk's chat panel). */
  onBack?: () => void;
}) {
  const { t } = useI18n();
  const { api, me } = useInbox();
  const client = useQueryClient();
  const ids = useId();

  const conversation = useQuery({
    queryKey: ['conversation', conversationId],
    queryFn: () => api.conversation(conversationId),
  });
  const messages = useQuery({
    queryKey: ['messages', conversationId],
    queryFn: () => api.messages(conversationId),
  });
  const userId = conversation.data?.users[0]?.id;
  const user = useQuery({
    queryKey: ['user', userId],
    queryFn: () => api.user(userId!),
    enabled: !!userId,
  });
  const fields = useQuery({
    queryKey: ['user-fields'],
    queryFn: async () => (await api.userFields()).fields,
    staleTime: 5 * 60_000,
  });
  const agents = useAgents();

  const update = useMutation({
    mutationFn: (changes: Parameters<typeof api.updateConversation>[1]) =>
      api.updateConversation(conversationId, changes),
    onSuccess: (updated: Conversation) => {
      client.setQueryData(['conversation', conversationId], updated);
      void client.invalidateQueries({ queryKey: ['conversations'] });
    },
  });

  async function send(text: string, kind: 'reply' | 'note') {
    const message = await api.send(conversationId, me.id, text, kind === 'note');
    client.setQueryData<Message[]>(['messages', conversationId], (cached) =>
      mergeMessages(cached, [message]),
    );
  }

  const name = userName(user.data, t);
  const data = conversation.data;

  return (
    <main className="pane" aria-labelledby={`${ids}-title`}>
      <div className="pane-head">
        <a
          className="back"
          href={inboxPath(view)}
          onClick={
            onBack
              ? (event) => {
                  event.preventDefault();
                  onBack();
                }
              : followLink
          }
        >
          ← {t('conversation.back')}
        </a>
        <h2 id={`${ids}-title`}>{name}</h2>
        {data && <span className={`badge status-${data.status}`}>{t(`status.${data.status}`)}</span>}
      </div>
      {conversation.isError && (
        <p className="error" role="alert">
          {errorText(conversation.error, t)}
        </p>
      )}
      {data && (
        <section className="actions" aria-label={t('conversation.actions')}>
          <label htmlFor={`${ids}-assignee`}>{t('conversation.assignee')}</label>
          <select
            id={`${ids}-assignee`}
            value={data.assigned_agent_id ?? ''}
            disabled={update.isPending}
            onChange={(event) => update.mutate({ assigned_agent_id: event.target.value || null })}
          >
            <option value="">{t('conversation.nobody')}</option>
            {[...(agents.data?.values() ?? [])]
              .filter((agent) => !agent.is_deactivated || agent.id === data.assigned_agent_id)
              .map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.id === me.id
                    ? `${fullName(agent) || agent.email} (${t('message.you')})`
                    : fullName(agent) || agent.email}
                </option>
              ))}
          </select>
          <ResolveActions
            conversation={data}
            busy={update.isPending}
            setStatus={(status) => update.mutate({ status })}
          />
          {update.isError && (
            <p className="error" role="alert">
              {errorText(update.error, t)}
            </p>
          )}
        </section>
      )}
      <div className="pane-body">
        <div className="pane-thread">
          {messages.isError && (
            <p className="error" role="alert">
              {errorText(messages.error, t)}
            </p>
          )}
          <MessageThread
            label={t('conversation.messages', { name })}
            messages={toThread(messages.data ?? [], { me, agents: agents.data, user: name, t })}
          />
          <Composer onSend={send} />
        </div>
        <div className="pane-details">
          <UserCard headingId={`${ids}-user`} user={toUserCard(user.data, fields.data, t)} />
        </div>
      </div>
    </main>
  );
}
