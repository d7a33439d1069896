import { useCallback, useState } from 'react';
import type { Session } from './chat-api.js';

const KEY = 'tandem.inbox.session';

/** The inbox session (token and agent) lives in sessionStorage: this tab, until it closes. */
function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as Session) : null;
    return parsed && typeof parsed.token === 'string' && parsed.agent?.id ? parsed : null;
  } catch {
    return null;
  }
}

function store(session: Session | null) {
  try {
    if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode): the session lasts for this page only.
  }
}

export function useSession() {
  const [session, setSessionState] = useState<Session | null>(load);
  const setSession = useCallback((next: Session | null) => {
    store(next);
    setSessionState(next);
  }, []);
  return [session, setSession] as const;
}
