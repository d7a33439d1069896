import { useQuery } from '@tanstack/react-query';
import { errorText } from '../../shared/api.js';
import { useCatalogue, useI18n } from '../../shared/i18n.js';
import { adminPath, followLink } from '../routes.js';
import { HelpdeskConnectionView } from './helpdesk-connection.js';
import { HelpdeskFaqImport } from './helpdesk-faq.js';
import { HelpdeskMapping } from './helpdesk-mapping.js';
import { connectionKey, SECTION_ID, useHelpdeskApi } from './helpdesk-shared.js';
import { helpdeskText } from './helpdesk-text.js';
import './helpdesk.css';

const TABS = [
  { view: '', key: 'tab.connection' },
  { view: 'mapping', key: 'tab.mapping' },
  { view: 'faq', key: 'tab.faq' },
] as const;

/**
 * Integrations > Helpdesk (I1–I5, B3, B5): the connection and switches, the field mapping
 * (/helpdesk/mapping) and the FAQ import (/helpdesk/faq), as tabs of one screen.
 */
export function HelpdeskScreen({ rest }: { rest: string[] }) {
  const t = useCatalogue(helpdeskText);
  const api = useHelpdeskApi();
  const view = TABS.find((tab) => tab.view === (rest[0] ?? ''))?.view ?? '';
  const connection = useQuery({ queryKey: connectionKey, queryFn: api.connection });
  const { t: tShared } = useI18n();

  let body;
  if (connection.isPending) body = <p role="status">{t('loading')}</p>;
  else if (connection.isError)
    body = (
      <p className="error" role="alert">
        {errorText(connection.error, tShared)}{' '}
        <button type="button" className="secondary" onClick={() => void connection.refetch()}>
          {t('retry')}
        </button>
      </p>
    );
  else if (view === '') body = <HelpdeskConnectionView connection={connection.data} t={t} />;
  else if (!connection.data.connected)
    body = (
      <p className="notice">
        {t('notConnected.text')}{' '}
        <a href={adminPath(SECTION_ID)} onClick={followLink}>
          {t('notConnected.link')}
        </a>
      </p>
    );
  else if (view === 'mapping') body = <HelpdeskMapping t={t} />;
  else body = <HelpdeskFaqImport t={t} />;

  return (
    <div className="helpdesk">
      <h2>{t('title')}</h2>
      <nav aria-label={t('tabs.label')} className="helpdesk-tabs">
        <ul>
          {TABS.map((tab) => (
            <li key={tab.view}>
              <a
                href={tab.view ? adminPath(SECTION_ID, tab.view) : adminPath(SECTION_ID)}
                onClick={followLink}
                aria-current={tab.view === view ? 'page' : undefined}
              >
                {t(tab.key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {body}
    </div>
  );
}
