import type { AgentConversationUpdate, AgentMessage, TypingEvent } from '@tandem/protocol/chat-realtime';
import { DESK_PATH, type DeskToPanel } from '@tandem/protocol/chat-panel';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { useCatalogue, useI18n } from '../../shared/i18n.js';
import { fullName, type ChatApi, type Conversation, type Message, type Session } from '../chat-api.js';
import { ConversationList } from '../conversation-list.js';
import { ConversationPane } from '../conversation-pane.js';
import { InboxContext, useInbox, type Inbox } from '../inbox-context.js';
import { useAgentSocket, type AgentSocket } from '../realtime.js';
import { SignIn } from '../sign-in.js';
import { userName } from '../users.js';
import { useDeskBridge, type DeskBridge } from './desk-bridge.js';
import { panelText } from './panel-text.js';
import { previewOf } from './preview.js';
import './chat-panel.css';

/** How long a "typing" lasts without a fresh one (the sender repeats it while typing). */
const TYPING_SHOWN_MS = 6000;
/** An agent's typing is sent at most this often, and "stopped" after this long idle. */
const TYPING_SEND_MS = 2500;
const TYPING_IDLE_MS = 4000;

/**
 * Chat's inbox in panel mode, at /inbox/panel, framed by Desk's agent UI (D8): sign-in once, then
 * the agent's and the unassigned conversations with unread counts, one conversation inline (reply,
 * note, typing, assignment, resolve and convert). Tells Desk (chat-panel protocol) about unread
 * messages and chats assigned to the agent; opens what Desk asks it to.
 */
export function ChatPanel({
  api,
  inbox,
  token,
  notice,
  onSignedIn,
  onSessionEnded,
}: {
  api: ChatApi;
  inbox: Inbox | null;
  token: string | null;
  notice: string | null;
  onSignedIn: (session: Session) => void;
  onSessionEnded: () => void;
}) {
  const t = useCatalogue(panelText);
  const { setLanguage } = useI18n();
  const bridge = useDeskBridge();
  const signedIn = !!inbox && !!token;

  // The panel speaks the language Desk's agent UI was in when it opened the panel.
  useEffect(() => {
    const lang = new URLSearchParams(location.search).get('lang');
    if (lang === 'en' || lang === 'ja') setLanguage(lang);
  }, [setLanguage]);

  useEffect(() => {
    bridge.post('ready', { signedIn });
    if (!signedIn) bridge.post('unread', { count: 0 });
  }, [bridge, signedIn]);

  if (!inbox || !token)
    return (
      <div className="chat-panel chat-panel-signin">
        <p className="chat-panel-hint">{t('signInHint')}</p>
        <SignIn api={api} notice={notice} onSignedIn={onSignedIn} />
      </div>
    );
  return (
    <InboxContext.Provider value={inbox}>
      <PanelWorkspace token={token} onSessionEnded={onSessionEnded} bridge={bridge} />
    </InboxContext.Provider>
  );
}

function PanelWorkspace({
  token,
  onSessionEnded,
  bridge,
}: {
  token: string;
  onSessionEnded: () => void;
  bridge: DeskBridge;
}) {
  const t = useCatalogue(panelText);
  const { t: shared } = useI18n();
  const { api, me, signOut } = useInbox();
  const client = useQueryClient();
  const [openId, setOpenId] = useState<string | null>(null);
  // Alone (not framed) the panel is always shown; framed, Desk says when its dock is expanded.
  const [expanded, setExpanded] = useState(!bridge.connected);
  const [unread, setUnread] = useState<Record<string, number>>({});
  const [typing, setTyping] = useState<Record<string, { name: string; until: number }>>({});
  const socketRef = useRef<AgentSocket | null>(null);
  const shown = useRef({ openId, expanded });
  shown.current = { openId, expanded };
  const root = useRef<HTMLDivElement>(null);
  const lastOpened = useRef<string | null>(null);

  const open = useCallback((conversationId: string | null) => {
    setOpenId(conversationId);
    if (conversationId) setUnread(({ [conversationId]: _read, ...rest }) => rest);
  }, []);

  // Desk's requests: open a conversation (a notification's "Open"), the dock expanded or not.
  useEffect(
    () =>
      bridge.listen((message: DeskToPanel) => {
        if (message.type === 'open') open(message.payload.conversationId);
        else setExpanded(message.payload.expanded);
      }),
    [bridge, open],
  );
  useEffect(() => {
    if (expanded && openId) setUnread(({ [openId]: _read, ...rest }) => rest);
  }, [expanded, openId]);

  const total = Object.values(unread).reduce((sum, count) => sum + count, 0);
  useEffect(() => bridge.post('unread', { count: total }), [bridge, total]);

  // Focus follows the panel's own navigation: into the opened chat, back to its list item.
  useEffect(() => {
    const node = root.current;
    if (!node) return;
    if (openId) node.querySelector<HTMLElement>('.pane .back')?.focus();
    else if (lastOpened.current)
      node.querySelector<HTMLElement>(`a.list-item[href$="/${lastOpened.current}"]`)?.focus();
    lastOpened.current = openId;
  }, [openId]);

  /** The conversation as cached (kept current by the socket), else asked for once. */
  const conversationOf = useCallback(
    async (id: string) =>
      client.getQueryData<Conversation>(['conversation', id]) ??
      client.fetchQuery({ queryKey: ['conversation', id], queryFn: () => api.conversation(id) }),
    [api, client],
  );
  const nameOf = useCallback(
    async (userId: string | undefined) => {
      if (!userId) return shared('visitor');
      const user = await client
        .fetchQuery({ queryKey: ['user', userId], queryFn: () => api.user(userId), staleTime: 60_000 })
        .catch(() => undefined);
      return userName(user, shared);
    },
    [api, client, shared],
  );

  const isShown = (conversationId: string) =>
    shown.current.expanded &&
    shown.current.openId === conversationId &&
    document.visibilityState === 'visible';
  const bump = (conversationId: string, atLeast?: number) =>
    setUnread((current) => ({
      ...current,
      [conversationId]: atLeast
        ? Math.max(current[conversationId] ?? 0, atLeast)
        : (current[conversationId] ?? 0) + 1,
    }));

  const onMessage = async (message: AgentMessage) => {
    if (message.actor_type !== 'user') return;
    const id = message.conversation_id;
    setTyping(({ [id]: _done, ...rest }) => rest);
    if (isShown(id)) return;
    const conversation = await conversationOf(id);
    const mine = conversation.assigned_agent_id === me.id;
    if (!mine && conversation.assigned_agent_id) return;
    bump(id);
    if (mine)
      bridge.post('assigned', {
        conversationId: id,
        userName: await nameOf(message.user_id),
        preview: previewOf(message),
      });
  };

  const onUpdate = async (update: AgentConversationUpdate) => {
    const newlyMine =
      update.assignedAgentId === me.id &&
      update.status !== 'resolved' &&
      (update.change === 'assignment' || update.change === 'created');
    if (!newlyMine || isShown(update.conversationId)) return;
    bump(update.conversationId, 1);
    const messages = await client
      .fetchQuery({
        queryKey: ['messages', update.conversationId],
        queryFn: () => api.messages(update.conversationId),
      })
      .catch(() => [] as Message[]);
    const lastFromUser = messages.filter((message) => message.actor_type === 'user').at(-1);
    bridge.post('assigned', {
      conversationId: update.conversationId,
      userName: await nameOf(update.userId),
      preview: previewOf(lastFromUser),
    });
  };

  const onTyping = (event: TypingEvent) => {
    if (event.actorType !== 'user') return;
    const id = event.conversationId;
    if (!event.isTyping) return setTyping(({ [id]: _stopped, ...rest }) => rest);
    void conversationOf(id)
      .then((conversation) => nameOf(conversation.users[0]?.id))
      .then((name) =>
        setTyping((current) => ({ ...current, [id]: { name, until: Date.now() + TYPING_SHOWN_MS } })),
      )
      .catch(() => undefined);
  };

  // The socket's listeners call the latest handlers (state and props of this render).
  const handlers = useRef({ onMessage, onUpdate, onTyping });
  handlers.current = { onMessage, onUpdate, onTyping };
  const live = useAgentSocket(token, onSessionEnded, (socket) => {
    socketRef.current = socket;
    socket.on(
      'message:new',
      (event) => void handlers.current.onMessage(event.message as AgentMessage).catch(() => undefined),
    );
    socket.on(
      'conversation:updated',
      (event) => void handlers.current.onUpdate(event as AgentConversationUpdate).catch(() => undefined),
    );
    socket.on('typing', (event) => handlers.current.onTyping(event));
  });

  // A stale "typing" goes away on its own.
  useEffect(() => {
    const times = Object.values(typing).map((entry) => entry.until);
    if (!times.length) return;
    const timer = setTimeout(
      () =>
        setTyping((current) =>
          Object.fromEntries(Object.entries(current).filter(([, v]) => v.until > Date.now())),
        ),
      Math.max(0, Math.min(...times) - Date.now()) + 50,
    );
    return () => clearTimeout(timer);
  }, [typing]);

  // The agent's own typing, told to the customer: on input in the composer, repeated while typing.
  const sentTyping = useRef<{ at: number; idle?: ReturnType<typeof setTimeout> }>({ at: 0 });
  const sendTyping = (isTyping: boolean) => {
    if (openId) socketRef.current?.emit('typing', { conversationId: openId, isTyping });
  };
  const onComposerInput = (event: FormEvent<HTMLDivElement>) => {
    if (!(event.target instanceof HTMLTextAreaElement)) return;
    const state = sentTyping.current;
    if (Date.now() - state.at > TYPING_SEND_MS) {
      state.at = Date.now();
      sendTyping(true);
    }
    clearTimeout(state.idle);
    state.idle = setTimeout(() => {
      state.at = 0;
      sendTyping(false);
    }, TYPING_IDLE_MS);
  };
  const onComposerSubmit = () => {
    clearTimeout(sentTyping.current.idle);
    if (sentTyping.current.at) sendTyping(false);
    sentTyping.current.at = 0;
  };

  const unreadBadge = (conversation: Conversation) => {
    const count = unread[conversation.id] ?? 0;
    return count > 0 ? <span className="panel-unread">{t('unread', { count })}</span> : null;
  };
  const typist = openId ? typing[openId] : undefined;

  // A link to a Desk page (the ticket a chat became) opens in Desk itself, not in a new tab.
  const onLinkClick = (event: MouseEvent<HTMLDivElement>) => {
    const link = event.target instanceof Element ? event.target.closest('a') : null;
    if (!link || !bridge.origin || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey)
      return;
    if (link.origin !== bridge.origin || !DESK_PATH.test(link.pathname) || link.search || link.hash) return;
    event.preventDefault();
    bridge.post('navigate', { path: link.pathname });
  };

  return (
    // Only hears clicks on the links inside (keyboards activate links as clicks too).
    <div className={`chat-panel${openId ? ' has-conversation' : ''}`} ref={root} onClick={onLinkClick}>
      <header className="chat-panel-head">
        {/* Framed, Desk's dock already names the panel on screen. */}
        <h1 className={bridge.connected ? 'visually-hidden' : undefined}>{t('title')}</h1>
        <span className="whoami">{t('signedInAs', { name: fullName(me) || me.email })}</span>
        <button type="button" className="secondary" onClick={signOut}>
          {shared('signOut')}
        </button>
        <p className="offline" role="status">
          {live ? '' : t('offline')}
        </p>
      </header>
      {openId ? (
        <div className="chat-panel-conversation" onInput={onComposerInput} onSubmitCapture={onComposerSubmit}>
          <ConversationPane key={openId} view="mine" conversationId={openId} onBack={() => open(null)} />
          <p className="panel-typing" role="status">
            {typist ? t('typing', { name: typist.name }) : ''}
          </p>
        </div>
      ) : (
        <div className="chat-panel-lists" role="region" aria-label={t('lists')}>
          <ConversationList view="mine" selectedId={null} onOpen={open} extra={unreadBadge} />
          <ConversationList view="unassigned" selectedId={null} onOpen={open} extra={unreadBadge} />
        </div>
      )}
    </div>
  );
}
