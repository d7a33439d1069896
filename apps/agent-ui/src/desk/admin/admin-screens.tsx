import { useEffect } from 'react';
import type { Me } from '../api.js';
import { isAdmin } from '../pages.js';
import { Link } from '../router.js';
import { useCatalogue } from '../../shared/i18n.js';
import { AgentForm, AgentList } from './agents.js';
import { adminText, type AdminKey } from './admin-text.js';
import { ChatChannelSettings } from './chat-channel.js';
import { GroupForm, GroupList } from './groups.js';
import { PortalForm, PortalList } from './portals.js';
import { TicketFieldForm, TicketFieldList } from './ticket-fields.js';
import './admin.css';

const SECTIONS: { slug: string; label: AdminKey }[] = [
  { slug: 'agents', label: 'menuAgents' },
  { slug: 'groups', label: 'menuGroups' },
  { slug: 'ticket-fields', label: 'menuFields' },
  { slug: 'portals', label: 'menuPortals' },
  { slug: 'chat-channel', label: 'menuChat' },
];

/** Which screen a path under /a/admin shows: the section, and `new` or an id when editing. */
function route(rest: string) {
  const [section = 'agents', item] = rest.split('/').filter(Boolean);
  const id = item && /^\d+$/.test(item) ? Number(item) : undefined;
  return { section, isNew: item === 'new', id };
}

/**
 * The admin area (lazy-loaded): a side menu of the screens and the screen the path names.
 * Non-admins get a plain refusal; Desk refuses their calls anyway.
 */
export default function AdminScreens({ rest, me }: { rest: string; me: Me }) {
  const t = useCatalogue(adminText);
  const { section, isNew, id } = route(rest);
  useEffect(() => {
    document.title = `${t('title')} · Tandem Desk`;
  }, [t]);

  if (!isAdmin(me))
    return (
      <section className="card">
        <h1>{t('title')}</h1>
        <p role="alert">{t('adminsOnly')}</p>
      </section>
    );

  // Keyed by id: another item's form starts from that item, not from the previous draft.
  let screen;
  if (section === 'agents')
    screen = isNew || id ? <AgentForm key={id ?? 'new'} id={id} me={me} /> : <AgentList />;
  else if (section === 'groups')
    screen = isNew || id ? <GroupForm key={id ?? 'new'} id={id} /> : <GroupList />;
  else if (section === 'ticket-fields')
    screen = isNew || id ? <TicketFieldForm key={id ?? 'new'} id={id} /> : <TicketFieldList />;
  else if (section === 'portals')
    screen = isNew || id ? <PortalForm key={id ?? 'new'} id={id} /> : <PortalList />;
  else if (section === 'chat-channel') screen = <ChatChannelSettings />;
  else screen = <p role="alert">{t('notFound')}</p>;

  return (
    <div className="admin-layout">
      <nav className="admin-menu" aria-label={t('menu')}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.slug}>
              <Link href={`/a/admin/${s.slug}`} aria-current={s.slug === section ? 'page' : undefined}>
                {t(s.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-screen">{screen}</div>
    </div>
  );
}
