import { useI18n } from '../../shared/i18n.js';
import { LanguageSelect } from '../../shared/language-select.js';
import { isChatAdmin, useInbox } from '../inbox-context.js';
import { adminPath, followLink, inboxPath } from '../routes.js';
import { contentSections } from './content-sections.js';
import { integrationSections } from './integration-sections.js';
import { peopleSections } from './people-sections.js';
import type { AdminSection } from './sections.js';
import './admin.css';

const SECTIONS: AdminSection[] = [...peopleSections, ...contentSections, ...integrationSections];

/** The admin area: a menu of the sections and the chosen one (the first when none is named). */
export function AdminArea({ section, rest }: { section: string | null; rest: string[] }) {
  const { t, language } = useI18n();
  const { me, signOut } = useInbox();
  const current = SECTIONS.find((candidate) => candidate.id === section) ?? SECTIONS[0];

  return (
    <div className="admin">
      <header className="topbar">
        <h1>{t('admin.title')}</h1>
        <a href={inboxPath('mine')} onClick={followLink}>
          {t('admin.backToInbox')}
        </a>
        <LanguageSelect />
        <button type="button" className="secondary" onClick={signOut}>
          {t('signOut')}
        </button>
      </header>
      {!isChatAdmin(me) ? (
        <main className="admin-main">
          <p role="alert">{t('admin.adminsOnly')}</p>
        </main>
      ) : (
        <>
          <nav className="admin-nav" aria-label={t('admin.sections')}>
            <ul>
              {SECTIONS.map((candidate) => (
                <li key={candidate.id}>
                  <a
                    href={adminPath(candidate.id)}
                    onClick={followLink}
                    aria-current={candidate === current ? 'page' : undefined}
                  >
                    {candidate.title(language)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <main className="admin-main" id="main">
            {current ? current.render(current.id === section ? rest : []) : <p>{t('admin.empty')}</p>}
          </main>
        </>
      )}
    </div>
  );
}
