import {
  CHAT_PANEL_PROTOCOL,
  CHAT_PANEL_PROTOCOL_VERSION,
  readDeskToPanel,
  type DeskToPanel,
  type PanelToDesk,
} from '@tandem/protocol/chat-panel';
import { useEffect, useMemo, useRef } from 'react';

/**
 * Desk's origin as the panel's URL names it (`?origin=`), when the panel really is framed by that
 * origin; else null (opened on its own: no one to talk to). Chat's frame-ancestors already limits
 * who may frame the panel; this is the origin messages go to and must come from.
 */
export function deskOriginOf(search: string, framed: boolean, ancestors?: ArrayLike<string>): string | null {
  if (!framed) return null;
  const named = new URLSearchParams(search).get('origin');
  if (!named) return null;
  let origin: string;
  try {
    origin = new URL(named).origin;
  } catch {
    return null;
  }
  if (origin !== named || !/^https?:/.test(origin)) return null;
  // Where the browser tells who framed us (Chromium), it must be the same origin.
  if (ancestors && ancestors.length > 0 && ancestors[0] !== origin) return null;
  return origin;
}

export interface DeskBridge {
  /** True when the panel is framed by Desk (messages go somewhere). */
  connected: boolean;
  /** Desk's origin when connected. */
  origin: string | null;
  post<T extends PanelToDesk['type']>(type: T, payload: Extract<PanelToDesk, { type: T }>['payload']): void;
  /** Hears each of Desk's messages, in order, until the returned function is called. */
  listen(listener: (message: DeskToPanel) => void): () => void;
}

/**
 * The panel's side of the chat panel protocol (packages/protocol/src/chat-panel.ts): posts to
 * window.parent with Desk's origin as the target, and hands listeners Desk's messages only.
 * Listeners are called directly (not through state), so two messages in a row are both heard.
 */
export function useDeskBridge(): DeskBridge {
  const listeners = useRef(new Set<(message: DeskToPanel) => void>());
  const origin = useMemo(
    () => deskOriginOf(location.search, window.parent !== window, location.ancestorOrigins),
    [],
  );

  useEffect(() => {
    if (!origin) return;
    const receive = (event: MessageEvent) => {
      if (event.origin !== origin || event.source !== window.parent) return;
      const message = readDeskToPanel(event.data);
      if (message) for (const listener of listeners.current) listener(message);
    };
    window.addEventListener('message', receive);
    return () => window.removeEventListener('message', receive);
  }, [origin]);

  return useMemo<DeskBridge>(
    () => ({
      connected: origin !== null,
      origin,
      post(type, payload) {
        if (!origin) return;
        window.parent.postMessage(
          { tandem: CHAT_PANEL_PROTOCOL, v: CHAT_PANEL_PROTOCOL_VERSION, type, payload },
          origin,
        );
      },
      listen(listener) {
        const set = listeners.current;
        set.add(listener);
        return () => set.delete(listener);
      },
    }),
    [origin],
  );
}
