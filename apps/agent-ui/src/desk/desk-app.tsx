import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { I18nProvider } from '../shared/i18n.js';
import { LanguageSelect } from '../shared/language-select.js';
import { ApiError } from './api.js';
import { DESK_AREAS } from './areas.js';
import { ChatDock } from './chat-panel/chat-dock.js';
import { useI18n } from './i18n-context.js';
import { Profile } from './profile.js';
import { isAdmin } from './pages.js';
import { Link, useLocation } from './router.js';
import { SESSION_KEY, useSession, useSignOut } from './session.js';
import { SignIn } from './sign-in.js';
import { TicketList } from './ticket-list.js';
import { TicketPage } from './ticket-page.js';

/** The Desk agent UI: sign-in, then the ticket list, ticket pages and the agent's profile. */
export function DeskApp() {
  const [client] = useState(() => {
    // A 401 from any call means the session ended: show sign-in again (nothing else is cleared).
    const onError = (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(SESSION_KEY, null);
    };
    const queryClient: QueryClient = new QueryClient({
      defaultOptions: {
        queries: {
          retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1,
          refetchOnWindowFocus: false,
        },
      },
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
    });
    return queryClient;
  });
  return (
    <QueryClientProvider client={client}>
      <I18nProvider>
        <Shell />
      </I18nProvider>
    </QueryClientProvider>
  );
}

function Shell() {
  const { t, language } = useI18n();
  const session = useSession();
  const signOut = useSignOut();
  const { path } = useLocation();

  useEffect(() => {
    document.title = t('appName');
  }, [t]);

  if (session.isPending)
    return (
      <main id="main" className="centered">
        <p role="status">{t('loading')}</p>
      </main>
    );
  if (session.isError)
    return (
      <main id="main" className="centered">
        <p role="alert">{t('genericError', { message: session.error.message })}</p>
      </main>
    );
  const me = session.data;
  if (!me)
    return (
      <>
        <header className="topbar">
          <span className="brand">{t('appName')}</span>
          <LanguageSelect />
        </header>
        <SignIn />
      </>
    );

  const ticketMatch = /^\/a\/tickets\/(\d+)$/.exec(path);
  let page;
  let inArea = false;
  if (ticketMatch) page = <TicketPage id={Number(ticketMatch[1])} me={me} />;
  else if (path === '/a/profile') page = <Profile me={me} />;
  else {
    for (const area of DESK_AREAS) {
      for (const candidate of area.pages) {
        const match = candidate.path.exec(path);
        if (match && !page) {
          page = candidate.render(match, me);
          inArea = true;
        }
      }
    }
    page ??= <TicketList me={me} />;
  }
  const areaLinks = DESK_AREAS.flatMap((area) => area.nav).filter((link) => !link.adminOnly || isAdmin(me));

  return (
    <>
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">{t('appName')}</span>
        <nav aria-label={t('mainNav')}>
          <Link
            href="/a/"
            aria-current={!ticketMatch && !inArea && path !== '/a/profile' ? 'page' : undefined}
          >
            {t('navTickets')}
          </Link>
          {areaLinks.map((link) => (
            <Link key={link.href} href={link.href} aria-current={link.isActive(path) ? 'page' : undefined}>
              {link.label(language)}
            </Link>
          ))}
          <Link href="/a/profile" aria-current={path === '/a/profile' ? 'page' : undefined}>
            {t('navProfile')}
          </Link>
        </nav>
        <div className="topbar-end">
          <LanguageSelect />
          <button type="button" className="link-button" onClick={() => signOut.mutate()}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
      <ChatDock />
    </>
  );
}
