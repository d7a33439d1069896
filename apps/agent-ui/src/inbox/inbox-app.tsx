import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import { ApiError, createApiClient } from '../shared/api.js';
import { I18nProvider, useI18n } from '../shared/i18n.js';
import { AdminArea } from './admin/admin-area.js';
import { chatApi, type Session } from './chat-api.js';
import { InboxContext, type Inbox } from './inbox-context.js';
import { Invitation } from './invitation.js';
import { ChatPanel } from './panel/chat-panel.js';
import { useRoute } from './routes.js';
import { useSession } from './session.js';
import { SignIn } from './sign-in.js';
import { Workspace } from './workspace.js';

/** The Chat inbox served by Chat at /inbox: sign-in, then the workspace; and the invitation page. */
export function InboxApp() {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            // A refusal (4xx) will not change by asking again; a network failure may.
            retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
            refetchOnWindowFocus: false,
          },
        },
      }),
  );
  return (
    <I18nProvider>
      <QueryClientProvider client={client}>
        <Root client={client} />
      </QueryClientProvider>
    </I18nProvider>
  );
}

function Root({ client }: { client: QueryClient }) {
  const { t } = useI18n();
  const route = useRoute();
  const [session, setSession] = useSession();
  const [notice, setNotice] = useState<string | null>(null);
  const tokenRef = useRef<string | null>(session?.token ?? null);
  tokenRef.current = session?.token ?? null;

  const end = useCallback(
    (message: string | null) => {
      setSession(null);
      setNotice(message);
      client.clear();
    },
    [client, setSession],
  );
  const sessionEnded = useCallback(() => end(t('error.sessionEnded')), [end, t]);

  const apiClient = useMemo(
    () =>
      createApiClient({ base: '/v2', token: () => tokenRef.current, onUnauthorized: () => sessionEnded() }),
    [sessionEnded],
  );
  const api = useMemo(() => chatApi(apiClient), [apiClient]);

  const signIn = useCallback(
    (next: Session) => {
      tokenRef.current = next.token;
      setNotice(null);
      setSession(next);
    },
    [setSession],
  );

  const inbox = useMemo<Inbox | null>(
    () =>
      session
        ? {
            api,
            client: apiClient,
            me: session.agent,
            signOut: () => {
              // The server forgets the session; the page does not wait for it.
              void api.signOut().catch(() => undefined);
              end(null);
            },
          }
        : null,
    [api, apiClient, session, end],
  );

  if (route.name === 'invitation') return <Invitation api={api} token={route.token} />;
  if (route.name === 'panel')
    return (
      <ChatPanel
        api={api}
        inbox={inbox}
        token={session?.token ?? null}
        notice={notice}
        onSignedIn={signIn}
        onSessionEnded={sessionEnded}
      />
    );
  if (!session || !inbox) return <SignIn api={api} notice={notice} onSignedIn={signIn} />;
  if (route.name === 'admin')
    return (
      <InboxContext.Provider value={inbox}>
        <AdminArea section={route.section} rest={route.rest} />
      </InboxContext.Provider>
    );
  return (
    <InboxContext.Provider value={inbox}>
      <Workspace
        token={session.token}
        view={route.view}
        conversationId={route.conversationId}
        onSessionEnded={sessionEnded}
      />
    </InboxContext.Provider>
  );
}
