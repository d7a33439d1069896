import { useSyncExternalStore, type MouseEvent } from 'react';
import { VIEWS, type ConversationView } from './chat-api.js';

/**
 * The inbox's client routes (Chat serves index.html for all of them):
 * /inbox[/] → mine; /inbox/:view; /inbox/:view/:conversationId; /inbox/admin[/:section[/...rest]];
 * /invitations/:token; /inbox/panel (Desk's chat panel).
 */
export type Route =
  | { name: 'inbox'; view: ConversationView; conversationId: string | null }
  | { name: 'admin'; section: string | null; rest: string[] }
  | { name: 'invitation'; token: string }
  /** Desk's docked chat panel (D8): the inbox in panel mode, framed by the helpdesk. */
  | { name: 'panel' };

export function parseRoute(pathname: string): Route {
  const invitation = /^\/invitations\/([^/]+)\/?$/.exec(pathname);
  if (invitation) return { name: 'invitation', token: decodeURIComponent(invitation[1]!) };
  if (/^\/inbox\/panel\/?$/.test(pathname)) return { name: 'panel' };
  const admin = /^\/inbox\/admin(?:\/(.*?))?\/?$/.exec(pathname);
  if (admin) {
    const [section = null, ...rest] = (admin[1] ?? '').split('/').filter(Boolean).map(decodeURIComponent);
    return { name: 'admin', section, rest };
  }
  const [, view, id] = /^\/inbox(?:\/([a-z]+))?(?:\/([0-9a-f-]{36}))?\/?$/i.exec(pathname) ?? [];
  return {
    name: 'inbox',
    view: VIEWS.includes(view as ConversationView) ? (view as ConversationView) : 'mine',
    conversationId: id ?? null,
  };
}

export const inboxPath = (view: ConversationView, conversationId?: string | null) =>
  `/inbox/${view}${conversationId ? `/${conversationId}` : ''}`;

/** An admin screen's path: /inbox/admin/:section[/...rest]. */
export const adminPath = (section?: string, ...rest: string[]) =>
  ['/inbox/admin', ...(section ? [section, ...rest] : [])]
    .map((part, i) => (i ? encodeURIComponent(part) : part))
    .join('/');

const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** Goes to a path of the app without reloading. */
export function navigate(path: string, options: { replace?: boolean } = {}) {
  if (path === location.pathname) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => location.pathname);
  return parseRoute(pathname);
}

/** For `<a href onClick>`: a plain click navigates in the app; modified clicks open as usual. */
export function followLink(event: MouseEvent<HTMLAnchorElement>) {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.pathname);
}
