/**
 * The chat panel's postMessage protocol, version 1: what Desk's agent UI (the page, at /a) and
 * Chat's inbox in panel mode (the iframe, at <chat>/inbox/panel) say to each other (D8).
 *
 * Rules both sides keep:
 * - Every message is an envelope `{ tandem: 'chat-panel', v: 1, type, payload }`; anything else
 *   (other scripts' messages, other versions, malformed payloads) is ignored.
 * - Desk posts to the iframe with targetOrigin = Chat's origin (from GET /api/_chat_panel) and
 *   accepts only messages whose `event.origin` is that origin and `event.source` its iframe.
 * - The panel learns Desk's origin from its URL (`?origin=`), posts to window.parent with that
 *   targetOrigin, and accepts only messages from window.parent with that `event.origin`. Chat's
 *   CSP (frame-ancestors) already limits who can frame the panel to the connected helpdesk.
 * - Never '*'. Messages carry no credentials: the panel signs in to Chat by itself.
 */

export const CHAT_PANEL_PROTOCOL = 'chat-panel' as const;
export const CHAT_PANEL_PROTOCOL_VERSION = 1 as const;

export interface ChatPanelEnvelope<T extends string = string, P = unknown> {
  tandem: typeof CHAT_PANEL_PROTOCOL;
  v: typeof CHAT_PANEL_PROTOCOL_VERSION;
  type: T;
  payload: P;
}

/** Panel → Desk. */
export type PanelToDesk =
  /** The panel loaded (and again after signing in or out): whether an agent is signed in to Chat. */
  | ChatPanelEnvelope<'ready', { signedIn: boolean }>
  /** Unread customer messages in the agent's and unassigned conversations (0 clears the badge). */
  | ChatPanelEnvelope<'unread', { count: number }>
  /** A chat was newly assigned to the agent, or its customer wrote while the agent was elsewhere. */
  | ChatPanelEnvelope<'assigned', { conversationId: string; userName: string; preview: string }>
  /** Show this page of Desk's agent UI (a converted chat's ticket) in place: a path under /a/. */
  | ChatPanelEnvelope<'navigate', { path: string }>;

/** Desk → panel. */
export type DeskToPanel =
  /** Show this conversation (from a notification's "Open"). */
  | ChatPanelEnvelope<'open', { conversationId: string }>
  /** The dock was expanded or collapsed: an open conversation counts as read only while shown. */
  | ChatPanelEnvelope<'dock', { expanded: boolean }>;

type PayloadOf<M, T> = M extends ChatPanelEnvelope<infer K, infer P> ? (K extends T ? P : never) : never;

/** An envelope of this protocol and version. */
export function chatPanelMessage<M extends PanelToDesk | DeskToPanel, T extends M['type']>(
  type: T,
  payload: PayloadOf<M, T>,
): ChatPanelEnvelope<T, PayloadOf<M, T>> {
  return { tandem: CHAT_PANEL_PROTOCOL, v: CHAT_PANEL_PROTOCOL_VERSION, type, payload };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max;
/** A path of Desk's agent UI: /a/ and plain segments, nothing that could leave it. */
export const DESK_PATH = /^\/a\/[\w-]+(?:\/[\w-]+)*$/;
const isId = (value: unknown): value is string => isText(value, 100) && /^[\w-]+$/.test(value);

function envelopeOf(data: unknown): { type: unknown; payload: Record<string, unknown> } | undefined {
  if (!isRecord(data) || data.tandem !== CHAT_PANEL_PROTOCOL || data.v !== CHAT_PANEL_PROTOCOL_VERSION)
    return undefined;
  return isRecord(data.payload) ? { type: data.type, payload: data.payload } : undefined;
}

/** A panel message as Desk may trust its shape, or undefined (ignore it). */
export function readPanelToDesk(data: unknown): PanelToDesk | undefined {
  const envelope = envelopeOf(data);
  if (!envelope) return undefined;
  const { type, payload } = envelope;
  if (type === 'ready' && typeof payload.signedIn === 'boolean')
    return chatPanelMessage<PanelToDesk, 'ready'>('ready', { signedIn: payload.signedIn });
  if (type === 'unread' && Number.isInteger(payload.count) && (payload.count as number) >= 0)
    return chatPanelMessage<PanelToDesk, 'unread'>('unread', { count: payload.count as number });
  if (
    type === 'assigned' &&
    isId(payload.conversationId) &&
    isText(payload.userName, 200) &&
    isText(payload.preview, 500)
  )
    return chatPanelMessage<PanelToDesk, 'assigned'>('assigned', {
      conversationId: payload.conversationId,
      userName: payload.userName,
      preview: payload.preview,
    });
  if (type === 'navigate' && isText(payload.path, 300) && DESK_PATH.test(payload.path))
    return chatPanelMessage<PanelToDesk, 'navigate'>('navigate', { path: payload.path });
  return undefined;
}

/** A Desk message as the panel may trust its shape, or undefined (ignore it). */
export function readDeskToPanel(data: unknown): DeskToPanel | undefined {
  const envelope = envelopeOf(data);
  if (!envelope) return undefined;
  const { type, payload } = envelope;
  if (type === 'open' && isId(payload.conversationId))
    return chatPanelMessage<DeskToPanel, 'open'>('open', { conversationId: payload.conversationId });
  if (type === 'dock' && typeof payload.expanded === 'boolean')
    return chatPanelMessage<DeskToPanel, 'dock'>('dock', { expanded: payload.expanded });
  return undefined;
}
