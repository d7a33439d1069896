import { createContext, useContext } from 'react';
import type { Agent, ChatApi } from './chat-api.js';

/** What every signed-in screen of the inbox needs: the API and who is signed in. */
export interface Inbox {
  api: ChatApi;
  me: Agent;
  signOut(): void;
}

export const InboxContext = createContext<Inbox | null>(null);

export function useInbox(): Inbox {
  const inbox = useContext(InboxContext);
  if (!inbox) throw new Error('useInbox outside the signed-in inbox');
  return inbox;
}
