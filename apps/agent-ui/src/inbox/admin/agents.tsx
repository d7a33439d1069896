import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useCatalogue, type Catalogue } from '../../shared/i18n.js';
import { fullName } from '../chat-api.js';
import { useInbox } from '../inbox-context.js';
import { adminPath, navigate } from '../routes.js';
import {
  AdminLink,
  commonText,
  ErrorAlert,
  Field,
  fieldErrorsOf,
  FormActions,
  FormHead,
  ListScreen,
  NotFound,
  SaveStatus,
} from './account-common.js';
import { AgentImport } from './agents-import.js';

const en = {
  title: 'Agents',
  add: 'Add an agent',
  newTitle: 'New agent',
  editTitle: 'Edit {name}',
  name: 'Name',
  email: 'Email',
  firstName: 'First name',
  lastName: 'Last name',
  role: 'Role',
  'role.owner': 'Owner',
  'role.admin': 'Admin',
  'role.agent': 'Agent',
  availability: 'Availability',
  AVAILABLE: 'Available',
  UNAVAILABLE: 'Away',
  status: 'Status',
  active: 'Active',
  deactivated: 'Deactivated',
  password: 'Password (at least 10 characters)',
  newPassword: 'New password (leave blank to keep it)',
  passwordRequired: 'Give the agent a password to sign in with.',
  groups: 'Groups',
  noGroups: 'No groups yet.',
  limit: 'Concurrent chat limit (1–50)',
  deactivate: 'Deactivate',
  reactivate: 'Reactivate',
  ownerNote: 'The owner keeps their role and cannot be deactivated.',
  empty: 'No agents yet.',
  notFound: 'This agent does not exist.',
} as const;

const ja: Record<keyof typeof en, string> = {
  title: 'エージェント',
  add: 'エージェントを追加',
  newTitle: '新しいエージェント',
  editTitle: '{name} を編集',
  name: '名前',
  email: 'メールアドレス',
  firstName: '名',
  lastName: '姓',
  role: 'ロール',
  'role.owner': 'オーナー',
  'role.admin': '管理者',
  'role.agent': 'エージェント',
  availability: '対応状況',
  AVAILABLE: '対応可能',
  UNAVAILABLE: '離席中',
  status: '状態',
  active: '有効',
  deactivated: '無効',
  password: 'パスワード（10文字以上）',
  newPassword: '新しいパスワード（変更しない場合は空欄）',
  passwordRequired: 'サインイン用のパスワードを設定してください。',
  groups: 'グループ',
  noGroups: 'グループはまだありません。',
  limit: '同時対応チャット数の上限（1〜50）',
  deactivate: '無効にする',
  reactivate: '有効に戻す',
  ownerNote: 'オーナーのロールは変更できず、無効にもできません。',
  empty: 'エージェントはまだいません。',
  notFound: 'このエージェントは存在しません。',
};

export const agentsText = { en, ja } satisfies Catalogue<keyof typeof en>;

/** An agent as admins manage it (chat-v2.md B5). */
export interface AdminAgent {
  id: string;
  email: string;
  first_name: string;
  last_name: string | null;
  role_name: 'owner' | 'admin' | 'agent';
  groups: string[];
  availability_status: 'AVAILABLE' | 'UNAVAILABLE';
  max_concurrent_chats: number;
  is_deactivated: boolean;
}

export interface AdminGroupSummary {
  id: string;
  name: string;
}

/** Every agent (pages of 50, followed). */
export function useAllAgents() {
  const { client } = useInbox();
  return useQuery({
    queryKey: ['admin', 'agents'],
    queryFn: async () => {
      const all: AdminAgent[] = [];
      for (let page = 1; ; page++) {
        const res = await client.request<{ agents: AdminAgent[]; pagination: { total_pages: number } }>(
          'GET',
          `/agents?items_per_page=50&page=${page}`,
        );
        all.push(...res.agents);
        if (page >= res.pagination.total_pages) return all;
      }
    },
  });
}

/** Every group (pages of 50, followed). */
export function useAllGroups<T extends AdminGroupSummary>() {
  const { client } = useInbox();
  return useQuery({
    queryKey: ['admin', 'groups'],
    queryFn: async () => {
      const all: T[] = [];
      for (let page = 1; ; page++) {
        const res = await client.request<{ groups: T[]; pagination: { total_pages: number } }>(
          'GET',
          `/groups?items_per_page=50&page=${page}`,
        );
        all.push(...res.groups);
        if (page >= res.pagination.total_pages) return all;
      }
    },
  });
}

/** Admin > Agents: the list and import (no `rest`), a new agent (`new`) or one agent (its id). */
export default function AgentsScreen({ rest }: { rest: string[] }) {
  const [first] = rest;
  if (first === 'new') return <AgentForm agent={null} />;
  if (first) return <AgentById id={first} />;
  return <AgentList />;
}

function AgentList() {
  const t = useCatalogue(agentsText);
  return (
    <ListScreen
      section="agents"
      title={t('title')}
      addLabel={t('add')}
      query={useAllAgents()}
      empty={t('empty')}
      columns={[t('name'), t('email'), t('role'), t('availability'), t('status')]}
      row={(agent) => (
        <tr key={agent.id} className={agent.is_deactivated ? 'inactive' : undefined}>
          <td>
            <AdminLink href={adminPath('agents', agent.id)}>{fullName(agent) || agent.email}</AdminLink>
          </td>
          <td>{agent.email}</td>
          <td>{t(`role.${agent.role_name}`)}</td>
          <td>{t(agent.availability_status)}</td>
          <td>{agent.is_deactivated ? t('deactivated') : t('active')}</td>
        </tr>
      )}
    >
      <AgentImport />
    </ListScreen>
  );
}

function AgentById({ id }: { id: string }) {
  const t = useCatalogue(agentsText);
  const c = useCatalogue(commonText);
  const agents = useAllAgents();
  if (agents.isPending) return <p>{c('loading')}</p>;
  const agent = agents.data?.find((candidate) => candidate.id === id);
  if (!agent) return <NotFound text={t('notFound')} backHref={adminPath('agents')} />;
  return <AgentForm key={agent.id} agent={agent} />;
}

function AgentForm({ agent }: { agent: AdminAgent | null }) {
  const t = useCatalogue(agentsText);
  const { client, me } = useInbox();
  const queries = useQueryClient();
  const groups = useAllGroups();
  const isOwner = agent?.role_name === 'owner';
  const [email, setEmail] = useState(agent?.email ?? '');
  const [firstName, setFirstName] = useState(agent?.first_name ?? '');
  const [lastName, setLastName] = useState(agent?.last_name ?? '');
  const [role, setRole] = useState<AdminAgent['role_name']>(agent?.role_name ?? 'agent');
  const [password, setPassword] = useState('');
  const [groupIds, setGroupIds] = useState<string[]>(agent?.groups ?? []);
  const [limit, setLimit] = useState(String(agent?.max_concurrent_chats ?? 5));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      agent
        ? client.request<AdminAgent>('PUT', `/agents/${agent.id}`, body)
        : client.request<AdminAgent>('POST', '/agents', body),
    onSuccess: async (saved) => {
      await queries.invalidateQueries({ queryKey: ['admin', 'agents'] });
      await queries.invalidateQueries({ queryKey: ['admin', 'groups'] });
      if (agent) {
        setPassword('');
        setDone(true);
      } else navigate(adminPath('agents', saved.id));
    },
  });
  const errors = { ...fieldErrorsOf(save.error), ...localErrors };

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    if (!agent && !password) {
      setLocalErrors({ password: t('passwordRequired') });
      return;
    }
    setLocalErrors({});
    const limitNumber = Number(limit);
    const body: Record<string, unknown> = {
      email: email.trim(),
      first_name: firstName,
      last_name: lastName.trim() ? lastName : null,
      groups: groupIds,
      max_concurrent_chats: Number.isFinite(limitNumber) && limit.trim() ? limitNumber : limit,
    };
    if (!isOwner && (!agent || role !== agent.role_name)) body.role_name = role;
    if (password) body.password = password;
    save.mutate(body);
  }

  const toggle = useMutation({
    mutationFn: (deactivate: boolean) =>
      client.request<AdminAgent>('PUT', `/agents/${agent!.id}`, { is_deactivated: deactivate }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['admin', 'agents'] }),
  });

  const title = agent ? t('editTitle', { name: fullName(agent) || agent.email }) : t('newTitle');
  return (
    <section className="admin-screen" aria-labelledby="agent-form-title">
      <FormHead titleId="agent-form-title" title={title} backHref={adminPath('agents')} />
      <form className="admin-form" onSubmit={submit} noValidate>
        <SaveStatus
          failed={save.isError || Object.keys(localErrors).length > 0}
          error={save.error}
          errors={errors}
          done={done}
        />
        <Field label={t('email')} error={errors.email}>
          {(props) => (
            <input
              {...props}
              type="email"
              autoComplete="off"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('firstName')} error={errors.first_name}>
          {(props) => (
            <input {...props} value={firstName} onChange={(event) => setFirstName(event.target.value)} />
          )}
        </Field>
        <Field label={t('lastName')} error={errors.last_name}>
          {(props) => (
            <input {...props} value={lastName} onChange={(event) => setLastName(event.target.value)} />
          )}
        </Field>
        <Field label={t('role')} error={errors.role_name} hint={isOwner ? t('ownerNote') : undefined}>
          {(props) => (
            <select
              {...props}
              value={role}
              disabled={isOwner}
              onChange={(event) => setRole(event.target.value as AdminAgent['role_name'])}
            >
              {isOwner && <option value="owner">{t('role.owner')}</option>}
              <option value="admin">{t('role.admin')}</option>
              <option value="agent">{t('role.agent')}</option>
            </select>
          )}
        </Field>
        <Field label={agent ? t('newPassword') : t('password')} error={errors.password}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('limit')} error={errors.max_concurrent_chats}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={1}
              max={50}
              inputMode="numeric"
              value={limit}
              onChange={(event) => setLimit(event.target.value)}
            />
          )}
        </Field>
        <fieldset className="admin-checks">
          <legend>{t('groups')}</legend>
          {groups.data?.length === 0 && <p className="hint">{t('noGroups')}</p>}
          {groups.data?.map((group) => (
            <label key={group.id}>
              <input
                type="checkbox"
                checked={groupIds.includes(group.id)}
                onChange={(event) =>
                  setGroupIds((current) =>
                    event.target.checked ? [...current, group.id] : current.filter((id) => id !== group.id),
                  )
                }
              />
              {group.name}
            </label>
          ))}
          {errors.groups && <p className="error field-error">{errors.groups}</p>}
        </fieldset>
        <FormActions saving={save.isPending}>
          {agent && !isOwner && agent.id !== me.id && (
            <button
              type="button"
              className="secondary"
              disabled={toggle.isPending}
              onClick={() => toggle.mutate(!agent.is_deactivated)}
            >
              {agent.is_deactivated ? t('reactivate') : t('deactivate')}
            </button>
          )}
        </FormActions>
        {agent && (
          <p className="hint" role="status">
            {t('status')}: {agent.is_deactivated ? t('deactivated') : t('active')}
          </p>
        )}
        <ErrorAlert error={toggle.error} />
      </form>
    </section>
  );
}
