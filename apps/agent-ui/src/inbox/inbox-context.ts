import { createContext, useContext } from 'react';
import type { ApiClient } from '../shared/api.js';
import type { Agent, ChatApi } from './chat-api.js';

/** What every signed-in screen of the inbox needs: the API and who is signed in. */
export interface Inbox {
  api: ChatApi;
  /** The same authenticated client, for a feature's own typed calls (`client.request(...)`). */
  client: ApiClient;
  me: Agent;
  signOut(): void;
}

/** Owners and admins manage the account (Chat checks it again on every call). */
export const isChatAdmin = (agent: Agent) => agent.role_name === 'owner' || agent.role_name === 'admin';

export const InboxContext = createContext<Inbox | null>(null);

export function useInbox(): Inbox {
  const inbox = useContext(InboxContext);
  if (!inbox) throw new Error('useInbox outside the signed-in inbox');
  return inbox;
}
