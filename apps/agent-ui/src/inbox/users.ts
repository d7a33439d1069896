import { useQuery } from '@tanstack/react-query';
import type { Translate } from '../shared/i18n.js';
import { fullName, type Agent, type ChatUser } from './chat-api.js';
import { useInbox } from './inbox-context.js';

/** The users of these ids (one POST /v2/users/fetch per distinct set), by id. */
export function useUsers(ids: string[]) {
  const { api } = useInbox();
  const unique = [...new Set(ids)].sort();
  return useQuery({
    queryKey: ['users', unique],
    queryFn: async () => {
      const users = new Map<string, ChatUser>();
      for (let start = 0; start < unique.length; start += 100) {
        const page = await api.users(unique.slice(start, start + 100));
        for (const user of page.users) users.set(user.id, user);
      }
      return users;
    },
    enabled: unique.length > 0,
    placeholderData: (previous) => previous,
    staleTime: 30_000,
  });
}

/** A user's display name: full name, else email, else reference id, else "Visitor". */
export function userName(user: ChatUser | undefined, t: Translate): string {
  if (!user) return t('visitor');
  return fullName(user) || user.email || user.reference_id || t('visitor');
}

/** The agents by id (names for lists, messages and assignment). */
export function useAgents() {
  const { api } = useInbox();
  return useQuery({
    queryKey: ['agents'],
    queryFn: async () =>
      new Map<string, Agent>((await api.agents()).agents.map((agent) => [agent.id, agent])),
    staleTime: 60_000,
  });
}
