import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Me } from '../api.js';
import { Link } from '../router.js';
import { useCatalogue } from '../../shared/i18n.js';
import { ADMIN_KEYS, useAgents, useGroups, useRoles, type AdminAgent } from './admin-api.js';
import { adminText, type AdminKey } from './admin-text.js';
import {
  AdminTable,
  ChoiceSet,
  EditHead,
  FormFooter,
  ListHead,
  Loading,
  SaveError,
  TextField,
} from './form.js';
import { binder, useRecordEditor } from './record-editor.js';

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
      <ListHead
        titleId="agents-title"
        title={t('agentsTitle')}
        newHref="/a/admin/agents/new"
        newLabel={t('agentNew')}
      />
      {!agents.data ? (
        <Loading error={agents.error} />
      ) : (
        <AdminTable columns={[t('name'), t('email'), t('roles'), t('scope'), t('kind'), t('state')]}>
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
        </AdminTable>
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
  const roles = useRoles();
  const groups = useGroups();
  const {
    record: agent,
    draft,
    set,
    errors,
    save,
    submit,
  } = useRecordEditor<AdminAgent, AgentDraft>({
    id,
    kind: 'agent',
    path: `/agents/${id}`,
    screen: '/a/admin/agents',
    empty: {
      email: '',
      name: '',
      roleIds: [],
      scope: 1,
      occasional: false,
      groupIds: [],
      password: '',
    },
    draftOf,
    send: async (d) => {
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
    refresh: () => void client.invalidateQueries({ queryKey: ADMIN_KEYS.agents }),
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
  const { text } = binder(draft, set, errors);
  const current = agent.data;
  const isSelf = current?.id === me.id;

  return (
    <section aria-labelledby="agent-title">
      <EditHead
        backHref="/a/admin/agents"
        backLabel={t('backToAgents')}
        titleId="agent-title"
        title={current ? t('agentEdit', { name: current.contact.name }) : t('agentNew')}
      />
      {id === undefined && <p className="hint">{t('agentNewHint')}</p>}
      <form className="admin-form card" onSubmit={submit} noValidate>
        <TextField label={t('email')} type="email" required {...text('email', 'email')} />
        <TextField label={t('name')} {...text('name', 'name')} />
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
          {...text('password', 'password')}
          hint={id === undefined ? t('passwordHint') : `${t('passwordHint')} ${t('newPasswordHint')}`}
        />
        <FormFooter
          save={save}
          shown={['email', 'name', 'role_ids', 'ticket_scope', 'occasional', 'group_ids', 'password']}
          isNew={id === undefined}
          createLabel={t('agentCreate')}
        />
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
