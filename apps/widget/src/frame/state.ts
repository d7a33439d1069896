import type { UserConversationUpdate } from '@tandem/protocol';
import type { ConversationStatus, WidgetConversation } from './api.js';
import type { PrechatConfig, WidgetUser } from './forms.js';
import type { LocalText } from './i18n.js';
import { emptyTimeline, unreadCount, type Timeline } from './timeline.js';

export interface CsatState {
  conversationId: string;
  status: 'offered' | 'sending' | 'thanks';
  error?: string;
}

/** Everything the views draw. Only the controller changes it. */
export interface AppState {
  phase: 'waiting' | 'starting' | 'ready' | 'failed';
  locale: 'en' | 'ja';
  dir: 'ltr' | 'rtl';
  /** The page's `config.content` label overrides. */
  overrides: Record<string, unknown>;
  open: boolean;
  tab: 'chat' | 'faq';
  user?: WidgetUser;
  teamAvailable: boolean;
  connection: 'connecting' | 'online' | 'offline';
  conversation?: { id: string; status: ConversationStatus };
  timeline: Timeline;
  /** Older messages exist before the first one shown. */
  hasEarlier: boolean;
  agent?: { name: string; avatarUrl: string | null };
  agentTyping: boolean;
  csat?: CsatState;
  prechat?: PrechatConfig;
  prechatNeeded: boolean;
  /** The site's greeting, shown in an empty conversation. */
  greeting?: LocalText;
  /** The email given when no agent was available. */
  emailGiven?: string;
  uploads: { id: string; name: string }[];
  /** A problem with the last attachment, shown above the composer. */
  notice?: string;
  /** Composer text set by the page (`open {replyText}`); `nonce` changes on each set. */
  draft: { text: string; nonce: number };
  /** Changes whenever the composer should take focus. */
  focusNonce: number;
  maxUploadBytes: number;
}

export function initialState(locale: 'en' | 'ja', maxUploadBytes: number): AppState {
  return {
    phase: 'waiting',
    locale,
    dir: 'ltr',
    overrides: {},
    open: false,
    tab: 'chat',
    teamAvailable: true,
    connection: 'connecting',
    timeline: emptyTimeline(),
    hasEarlier: false,
    agentTyping: false,
    prechatNeeded: false,
    uploads: [],
    draft: { text: '', nonce: 0 },
    focusNonce: 0,
    maxUploadBytes,
  };
}

/** The launcher badge: unseen messages from agents, none while the visitor is looking at them. */
export const unreadOf = (state: AppState) => unreadCount(state.timeline);

/**
 * The conversation as REST shows it, taken as the current one: its assigned agent's face, its
 * CSAT survey if still open.
 */
export function withConversation(state: AppState, conversation: WidgetConversation): AppState {
  const assigned = conversation.assigned_agent;
  return {
    ...state,
    conversation: { id: conversation.id, status: conversation.status },
    ...(assigned !== undefined
      ? { agent: assigned ? { name: assigned.name, avatarUrl: assigned.avatar_url } : undefined }
      : {}),
    csat: conversation.csat_offered ? { conversationId: conversation.id, status: 'offered' } : undefined,
  };
}

/**
 * A `conversation:updated` for the visitor: status, the assigned agent's public face, and the
 * CSAT survey offered with a resolve (withdrawn by a reopen). `resolved` tells the caller to
 * tell the page. Updates of another conversation than the current one are ignored.
 */
export function conversationUpdated(state: AppState, event: UserConversationUpdate) {
  const current = state.conversation;
  if (current && current.id !== event.conversationId) return { state, resolved: false };
  const resolved = event.change === 'resolution';
  let csat = state.csat;
  if (resolved && event.csatOffer) csat = { conversationId: event.conversationId, status: 'offered' };
  else if (event.change === 'reopen' || event.status !== 'resolved') csat = undefined;
  return {
    state: {
      ...state,
      conversation: { id: event.conversationId, status: event.status },
      agent: event.assignedAgent ?? undefined,
      agentTyping: resolved ? false : state.agentTyping,
      csat,
    },
    resolved,
  };
}
