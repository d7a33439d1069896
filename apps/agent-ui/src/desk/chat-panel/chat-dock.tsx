import {
  chatPanelMessage,
  readPanelToDesk,
  type DeskToPanel,
  type PanelToDesk,
} from '@tandem/protocol/chat-panel';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useCatalogue, useI18n } from '../../shared/i18n.js';
import { request } from '../api.js';
import { navigate } from '../router.js';
import { chatDockText } from './chat-dock-text.js';
import './chat-dock.css';

/** GET /api/_chat_panel: where Chat's panel is, when the chat channel is on. */
interface ChatPanelInfo {
  chat_url: string | null;
  panel_url: string | null;
}

type Assigned = Extract<PanelToDesk, { type: 'assigned' }>['payload'];

const notificationsSupported = () => typeof window !== 'undefined' && 'Notification' in window;

/**
 * Chat inside Desk (D8): Chat's inbox in panel mode, docked bottom-right on every Desk page and
 * kept mounted across navigation (the SPA never reloads it), collapsed to a button with the unread
 * count. A chat assigned to the agent is announced in the page (with "Open") and, when the agent
 * allowed it, by a browser notification. Talks to the panel only through the chat-panel protocol.
 */
export function ChatDock() {
  const t = useCatalogue(chatDockText);
  const { language } = useI18n();
  const ids = useId();
  const info = useQuery({
    queryKey: ['chat-panel'],
    queryFn: async () => (await request<ChatPanelInfo>('GET', '/api/_chat_panel')).data,
    staleTime: 5 * 60_000,
  });
  const panelUrl = info.data?.panel_url ?? null;
  const chatOrigin = panelUrl ? new URL(panelUrl).origin : null;

  const frame = useRef<HTMLIFrameElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [ready, setReady] = useState<{ signedIn: boolean } | null>(null);
  const [unread, setUnread] = useState(0);
  const [toast, setToast] = useState<Assigned | null>(null);
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported'>(() =>
    notificationsSupported() ? Notification.permission : 'unsupported',
  );
  // The panel's address is fixed once: a changed src would reload it (and lose its state).
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (panelUrl && !src)
      setSrc(`${panelUrl}?origin=${encodeURIComponent(location.origin)}&lang=${language}`);
  }, [panelUrl, src, language]);

  const post = useCallback(
    (message: DeskToPanel) => {
      if (chatOrigin) frame.current?.contentWindow?.postMessage(message, chatOrigin);
    },
    [chatOrigin],
  );

  const openConversation = useCallback(
    (conversationId: string) => {
      setExpanded(true);
      setToast(null);
      post(chatPanelMessage<DeskToPanel, 'open'>('open', { conversationId }));
      // The agent goes on in the panel: keyboard focus follows.
      requestAnimationFrame(() => frame.current?.focus());
    },
    [post],
  );
  const openRef = useRef(openConversation);
  openRef.current = openConversation;

  useEffect(() => {
    post(chatPanelMessage<DeskToPanel, 'dock'>('dock', { expanded }));
  }, [post, expanded, ready]);

  useEffect(() => {
    if (!chatOrigin) return;
    const listen = (event: MessageEvent) => {
      if (event.origin !== chatOrigin || event.source !== frame.current?.contentWindow) return;
      const message = readPanelToDesk(event.data);
      if (!message) return;
      if (message.type === 'ready') setReady(message.payload);
      else if (message.type === 'unread') setUnread(message.payload.count);
      else if (message.type === 'navigate') navigate(message.payload.path);
      else {
        setToast(message.payload);
        notify(message.payload);
      }
    };
    const notify = (assigned: Assigned) => {
      if (!notificationsSupported() || Notification.permission !== 'granted') return;
      try {
        const notification = new Notification(fillName(assigned.userName), {
          body: assigned.preview,
          tag: `tandem-chat-${assigned.conversationId}`,
        });
        notification.onclick = () => {
          window.focus();
          openRef.current(assigned.conversationId);
          notification.close();
        };
      } catch {
        // Some browsers allow notifications only from a service worker: the in-page toast stays.
      }
    };
    const fillName = (name: string) => t('notificationTitle', { name });
    window.addEventListener('message', listen);
    return () => window.removeEventListener('message', listen);
  }, [chatOrigin, t]);

  async function askPermission() {
    if (!notificationsSupported()) return;
    setPermission(await Notification.requestPermission());
  }

  function collapse() {
    setExpanded(false);
    toggle.current?.focus();
  }

  if (!panelUrl || !src) return null;
  const windowId = `${ids}-window`;
  return (
    <aside className={`chat-dock${expanded ? ' expanded' : ''}`} aria-label={t('label')}>
      <div className="chat-dock-toast" role="status">
        {toast && !expanded ? (
          <div className="chat-dock-toast-body">
            <p>
              <strong>{t('assigned', { name: toast.userName })}</strong>
              {toast.preview ? <span>{toast.preview}</span> : null}
            </p>
            <button type="button" onClick={() => openConversation(toast.conversationId)}>
              {t('openChat')}
            </button>
            <button type="button" className="link-button" onClick={() => setToast(null)}>
              {t('dismiss')}
            </button>
          </div>
        ) : null}
      </div>
      <div
        id={windowId}
        className="chat-dock-window"
        hidden={!expanded}
        onKeyDown={(event) => {
          if (event.key === 'Escape') collapse();
        }}
      >
        <div className="chat-dock-head">
          <h2>{t('label')}</h2>
          {permission === 'default' ? (
            <button type="button" className="chat-dock-notify" onClick={() => void askPermission()}>
              {t('notify')}
            </button>
          ) : null}
          {permission === 'denied' ? <span className="chat-dock-muted">{t('notifyBlocked')}</span> : null}
          <button type="button" className="chat-dock-minimise" onClick={collapse} aria-label={t('minimise')}>
            ▁
          </button>
        </div>
        <iframe ref={frame} src={src} title={t('frameTitle')} className="chat-dock-frame" />
      </div>
      <button
        ref={toggle}
        type="button"
        className="chat-dock-toggle"
        aria-expanded={expanded}
        aria-controls={windowId}
        onClick={() => (expanded ? collapse() : setExpanded(true))}
      >
        {t('open')}
        {ready && !ready.signedIn ? <span className="chat-dock-state"> ({t('signIn')})</span> : null}
        {unread > 0 ? <span className="chat-dock-unread">{t('unread', { count: unread })}</span> : null}
      </button>
    </aside>
  );
}
