import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api, type Me } from '../api.js';
import { Link, navigate, useLocation } from '../router.js';
import { useCatalogue } from '../../shared/i18n.js';
import { ADMIN_KEYS, fieldErrorsOf, useAgents, useGroups, useRoles, type AdminAgent } from './admin-api.js';
import { adminText, type AdminKey } from './admin-text.js';
import { ChoiceSet, Loading, SaveError, TextField } from './form.js';

const SCOPES: { value: number; label: AdminKey; hint: AdminKey }[] = [
  { value: 1, label: 'scopeGlobal', hint: 'scopeGlobalHint' },
  { value: 2, label: 'scopeGroup', hint: 'scopeGroupHint' },
  { value: 3, label: 'scopeRestricted', hint: 'scopeRestrictedHint' },
];

/** All agents with their roles, scope, kind and state; links to edit each and to add one. */
export function AgentList() {
  const t = useCatalogue(adminText);
  const agents = useAgents();
  const roles = useRoles();
  const roleName = (id: number) => roles.data?.find((r) => r.id === id)?.name ?? `#${id}`;
  const scopeName = (scope: number) => t(SCOPES.find((s) => s.value === scope)?.label ?? 'scopeGlobal');
  return (
    <section aria-labelledby="agents-title">
      <div className="admin-head">
        <h1 id="agents-title">{t('agentsTitle')}</h1>
        <Link className="button primary" href="/a/admin/agents/new">
          {t('agentNew')}
        </Link>
      </div>
      {!agents.data ? (
        <Loading error={agents.error} />
      ) : (
        <div className="table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('email')}</th>
                <th scope="col">{t('roles')}</th>
                <th scope="col">{t('scope')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('state')}</th>
              </tr>
            </thead>
            <tbody>
              {agents.data.map((agent) => (
                <tr key={agent.id}>
                  <th scope="row">
                    <Link href={`/a/admin/agents/${agent.id}`}>{agent.contact.name}</Link>
                  </th>
                  <td>{agent.contact.email}</td>
                  <td>{agent.role_ids.map(roleName).join(', ')}</td>
                  <td>{scopeName(agent.ticket_scope)}</td>
                  <td>{agent.occasional ? t('occasional') : t('fullTime')}</td>
                  <td>{agent.contact.active ? t('active') : t('deactivated')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface AgentDraft {
  email: string;
  name: string;
  roleIds: number[];
  scope: number;
  occasional: boolean;
  groupIds: number[];
  /** Write-only: typed here, sent once, never loaded back. */
  password: string;
}

const draftOf = (agent: AdminAgent): AgentDraft => ({
  email: agent.contact.email ?? '',
  name: agent.contact.name,
  roleIds: agent.role_ids,
  scope: agent.ticket_scope,
  occasional: agent.occasional,
  groupIds: agent.group_ids,
  password: '',
});

/** Creates an agent (`id` undefined) or edits one: roles, scope, kind, groups, (de)activation. */
export function AgentForm({ id, me }: { id?: number; me: Me }) {
  const t = useCatalogue(adminText);
  const client = useQueryClient();
  const { params } = useLocation();
  const roles = useRoles();
  const groups = useGroups();
  const agent = useQuery({
    queryKey: ['admin', 'agent', id],
    queryFn: async () => (await api.get<AdminAgent>(`/agents/${id}`)).data,
    enabled: id !== undefined,
  });
  const [draft, setDraft] = useState<AgentDraft | null>(
    id === undefined
      ? {
          email: '',
          name: '',
          roleIds: [],
          scope: 1,
          occasional: false,
          groupIds: [],
          password: '',
        }
      : null,
  );
  useEffect(() => {
    if (agent.data && !draft) setDraft(draftOf(agent.data));
  }, [agent.data, draft]);
  const save = useMutation({
    mutationFn: async (d: AgentDraft) => {
      const body = {
        email: d.email.trim(),
        ...(d.name.trim() ? { name: d.name.trim() } : {}),
        // No role chosen on a new agent: Desk gives its default Agent role.
        ...(d.roleIds.length > 0 || id !== undefined ? { role_ids: d.roleIds } : {}),
        ticket_scope: d.scope,
        occasional: d.occasional,
        group_ids: d.groupIds,
        ...(d.password ? { password: d.password } : {}),
      };
      return id === undefined
        ? (await api.post<AdminAgent>('/agents', body)).data
        : (await api.put<AdminAgent>(`/agents/${id}`, body)).data;
    },
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ADMIN_KEYS.agents });
      client.setQueryData(['admin', 'agent', saved.id], saved);
      setDraft(draftOf(saved));
      if (id === undefined) navigate(`/a/admin/agents/${saved.id}?saved=1`);
    },
  });
  const activate = useMutation({
    mutationFn: async (active: boolean) => (await api.put<AdminAgent>(`/agents/${id}`, { active })).data,
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ADMIN_KEYS.agents });
      client.setQueryData(['admin', 'agent', saved.id], saved);
    },
  });

  if (id !== undefined && !agent.data) return <Loading error={agent.error} />;
  if (!draft) return <Loading />;
  const errors = fieldErrorsOf(save.error);
  const set = (patch: Partial<AgentDraft>) => setDraft({ ...draft, ...patch });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };
  const saved = (save.isSuccess || params.get('saved') === '1') && !save.isPending && !save.error;
  const current = agent.data;
  const isSelf = current?.id === me.id;

  return (
    <section aria-labelledby="agent-title">
      <p>
        <Link href="/a/admin/agents">{t('backToAgents')}</Link>
      </p>
      <h1 id="agent-title">{current ? t('agentEdit', { name: current.contact.name }) : t('agentNew')}</h1>
      {id === undefined && <p className="hint">{t('agentNewHint')}</p>}
      <form className="admin-form card" onSubmit={submit} noValidate>
        <TextField
          label={t('email')}
          type="email"
          required
          value={draft.email}
          onChange={(email) => set({ email })}
          error={errors.email}
        />
        <TextField
          label={t('name')}
          value={draft.name}
          onChange={(name) => set({ name })}
          error={errors.name}
        />
        <ChoiceSet
          legend={t('roles')}
          options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          selected={draft.roleIds}
          onChange={(roleIds) => set({ roleIds })}
          error={errors.role_ids}
        />
        <ChoiceSet
          legend={t('scope')}
          radio
          options={SCOPES.map((s) => ({ value: s.value, label: `${t(s.label)} — ${t(s.hint)}` }))}
          selected={[draft.scope]}
          onChange={([scope]) => set({ scope: scope ?? 1 })}
          error={errors.ticket_scope}
        />
        <ChoiceSet
          legend={t('kind')}
          radio
          options={[
            { value: 'full', label: t('fullTime') },
            { value: 'occasional', label: t('occasional') },
          ]}
          selected={[draft.occasional ? 'occasional' : 'full']}
          onChange={([kind]) => set({ occasional: kind === 'occasional' })}
          error={errors.occasional}
        />
        <ChoiceSet
          legend={t('groups')}
          options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
          selected={draft.groupIds}
          onChange={(groupIds) => set({ groupIds })}
          error={errors.group_ids}
          empty={t('noGroups')}
        />
        <TextField
          label={id === undefined ? t('password') : t('newPassword')}
          type="password"
          autoComplete="new-password"
          value={draft.password}
          onChange={(password) => set({ password })}
          error={errors.password}
          hint={id === undefined ? t('passwordHint') : `${t('passwordHint')} ${t('newPasswordHint')}`}
        />
        <SaveError
          error={save.error}
          shown={['email', 'name', 'role_ids', 'ticket_scope', 'occasional', 'group_ids', 'password']}
        />
        {saved && (
          <p role="status" className="success">
            {t('saved')}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? t('saving') : id === undefined ? t('agentCreate') : t('save')}
          </button>
        </div>
      </form>
      {current && !isSelf && (
        <div className="card danger-zone">
          <h2>{current.contact.active ? t('deactivate') : t('reactivate')}</h2>
          <p>{current.contact.active ? t('deactivateHint') : t('reactivateHint')}</p>
          <button
            type="button"
            className={current.contact.active ? 'danger' : ''}
            disabled={activate.isPending}
            onClick={() => activate.mutate(!current.contact.active)}
          >
            {current.contact.active ? t('deactivate') : t('reactivate')}
          </button>
          <SaveError error={activate.error} shown={[]} />
        </div>
      )}
    </section>
  );
}
