import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { errorText } from '../../shared/api.js';
import { useCatalogue, useI18n, type Catalogue } from '../../shared/i18n.js';
import { useInbox } from '../inbox-context.js';
import { CopyButton } from './account-common.js';

const en = {
  title: 'Import agents from the helpdesk',
  intro:
    'Every active helpdesk agent whose email is not in Chat yet becomes a Chat agent (helpdesk admins become admins) and gets a link to set a password. Agents already here are matched by email. Running it again creates nobody twice.',
  run: 'Import agents',
  running: 'Importing…',
  summary: 'Result of the import',
  created: 'Created',
  matched: 'Already in Chat',
  invited: 'Invited',
  skipped: 'Not imported',
  createdList: 'Created and invited',
  skippedList: 'Not imported, and why',
  invitation: 'Copy link for {email}',
  copyLink: 'Copy link',
  expires: 'The links work until {date}; send each to its agent.',
  unknownEmail: '(no email)',
} as const;

const ja: Record<keyof typeof en, string> = {
  title: 'ヘルプデスクからエージェントをインポート',
  intro:
    'メールアドレスがまだ Chat にない有効なヘルプデスクのエージェントは Chat のエージェントになり（ヘルプデスクの管理者は管理者になります）、パスワード設定用のリンクが発行されます。既存のエージェントはメールアドレスで照合されます。再実行しても重複して作成されません。',
  run: 'エージェントをインポート',
  running: 'インポート中…',
  summary: 'インポート結果',
  created: '作成',
  matched: '既存',
  invited: '招待',
  skipped: 'インポート対象外',
  createdList: '作成・招待したエージェント',
  skippedList: 'インポートしなかったエージェントと理由',
  invitation: '{email} の招待リンクをコピー',
  copyLink: 'リンクをコピー',
  expires: 'リンクの有効期限は {date} です。各エージェントに送ってください。',
  unknownEmail: '（メールアドレスなし）',
};

const agentImportText = { en, ja } satisfies Catalogue<keyof typeof en>;

/** POST /v2/integrations/helpdesk/agent-import's answer (B4). */
interface ImportResult {
  created: {
    id: string;
    email: string;
    role_name: string;
    invitation_url: string;
    invitation_expires_at: string;
  }[];
  matched: { id: string; email: string }[];
  skipped: { email: string | null; helpdesk_agent_id: number; reason: string; message: string }[];
}

/** Agent import from the connected helpdesk: counts, invitation links and every refusal's reason. */
export function AgentImport() {
  const t = useCatalogue(agentImportText);
  const { t: shared, language } = useI18n();
  const { client } = useInbox();
  const queries = useQueryClient();
  const id = useId();
  const run = useMutation({
    mutationFn: () => client.request<ImportResult>('POST', '/integrations/helpdesk/agent-import'),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['admin', 'agents'] }),
  });
  const result = run.data;
  const expiry = result?.created[0]?.invitation_expires_at;
  return (
    <section className="admin-subsection" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('title')}</h3>
      <p className="hint">{t('intro')}</p>
      <button type="button" onClick={() => run.mutate()} disabled={run.isPending}>
        {run.isPending ? t('running') : t('run')}
      </button>
      {run.isError && (
        <p className="error" role="alert">
          {errorText(run.error, shared)}
        </p>
      )}
      {result && (
        <div role="status" className="admin-import-result">
          <h4>{t('summary')}</h4>
          <dl className="admin-counts">
            <div>
              <dt>{t('created')}</dt>
              <dd data-count="created">{result.created.length}</dd>
            </div>
            <div>
              <dt>{t('matched')}</dt>
              <dd data-count="matched">{result.matched.length}</dd>
            </div>
            <div>
              <dt>{t('invited')}</dt>
              <dd data-count="invited">{result.created.filter((agent) => agent.invitation_url).length}</dd>
            </div>
            <div>
              <dt>{t('skipped')}</dt>
              <dd data-count="skipped">{result.skipped.length}</dd>
            </div>
          </dl>
          {result.created.length > 0 && (
            <>
              <h4>{t('createdList')}</h4>
              {expiry && (
                <p className="hint">
                  {t('expires', { date: new Date(expiry).toLocaleDateString(language) })}
                </p>
              )}
              <ul className="admin-plain-list">
                {result.created.map((agent) => (
                  <li key={agent.id}>
                    <span>{agent.email}</span>{' '}
                    <CopyButton
                      text={agent.invitation_url}
                      label={t('copyLink')}
                      name={t('invitation', { email: agent.email })}
                    />
                  </li>
                ))}
              </ul>
            </>
          )}
          {result.skipped.length > 0 && (
            <>
              <h4>{t('skippedList')}</h4>
              <ul className="admin-plain-list">
                {result.skipped.map((agent) => (
                  <li key={agent.helpdesk_agent_id}>
                    <strong>{agent.email ?? t('unknownEmail')}</strong>: {agent.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
