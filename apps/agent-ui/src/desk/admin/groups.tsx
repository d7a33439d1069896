import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { Link, navigate, useLocation } from '../router.js';
import { useCatalogue } from '../../shared/i18n.js';
import { ADMIN_KEYS, fieldErrorsOf, remove, useAgents, useGroups, type AdminGroup } from './admin-api.js';
import { adminText } from './admin-text.js';
import { ChoiceSet, ConfirmDelete, Loading, SaveError, TextField } from './form.js';

/** All groups with their agent counts; links to edit each and to add one. */
export function GroupList() {
  const t = useCatalogue(adminText);
  const groups = useGroups();
  const { params } = useLocation();
  return (
    <section aria-labelledby="groups-title">
      <div className="admin-head">
        <h1 id="groups-title">{t('groupsTitle')}</h1>
        <Link className="button primary" href="/a/admin/groups/new">
          {t('groupNew')}
        </Link>
      </div>
      {params.get('deleted') === '1' && (
        <p role="status" className="success">
          {t('deleted')}
        </p>
      )}
      {!groups.data ? (
        <Loading error={groups.error} />
      ) : groups.data.length === 0 ? (
        <p>{t('noGroups')}</p>
      ) : (
        <div className="table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('description')}</th>
                <th scope="col">{t('agentCount')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.data.map((group) => (
                <tr key={group.id}>
                  <th scope="row">
                    <Link href={`/a/admin/groups/${group.id}`}>{group.name}</Link>
                  </th>
                  <td>{group.description}</td>
                  <td>{group.agent_ids.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface GroupDraft {
  name: string;
  description: string;
  agentIds: number[];
}

const draftOf = (g: AdminGroup): GroupDraft => ({
  name: g.name,
  description: g.description ?? '',
  agentIds: g.agent_ids,
});

/** Creates a group (`id` undefined) or edits one: name, description, agents; deletes it. */
export function GroupForm({ id }: { id?: number }) {
  const t = useCatalogue(adminText);
  const client = useQueryClient();
  const { params } = useLocation();
  const agents = useAgents();
  const group = useQuery({
    queryKey: ['admin', 'group', id],
    queryFn: async () => (await api.get<AdminGroup>(`/groups/${id}`)).data,
    enabled: id !== undefined,
  });
  const [draft, setDraft] = useState<GroupDraft | null>(
    id === undefined ? { name: '', description: '', agentIds: [] } : null,
  );
  useEffect(() => {
    if (group.data && !draft) setDraft(draftOf(group.data));
  }, [group.data, draft]);

  const save = useMutation({
    mutationFn: async (d: GroupDraft) => {
      const body = { name: d.name, description: d.description.trim() || null, agent_ids: d.agentIds };
      return id === undefined
        ? (await api.post<AdminGroup>('/groups', body)).data
        : (await api.put<AdminGroup>(`/groups/${id}`, body)).data;
    },
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ADMIN_KEYS.groups });
      // Agents' group lists change with the group's members.
      void client.invalidateQueries({ queryKey: ADMIN_KEYS.agents });
      client.setQueryData(['admin', 'group', saved.id], saved);
      setDraft(draftOf(saved));
      if (id === undefined) navigate(`/a/admin/groups/${saved.id}?saved=1`);
    },
  });
  const destroy = useMutation({
    mutationFn: () => remove(`/groups/${id}`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ADMIN_KEYS.groups });
      void client.invalidateQueries({ queryKey: ADMIN_KEYS.agents });
      navigate('/a/admin/groups?deleted=1');
    },
  });

  if (id !== undefined && !group.data) return <Loading error={group.error} />;
  if (!draft) return <Loading />;
  const errors = fieldErrorsOf(save.error);
  const set = (patch: Partial<GroupDraft>) => setDraft({ ...draft, ...patch });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };
  const saved = (save.isSuccess || params.get('saved') === '1') && !save.isPending && !save.error;

  return (
    <section aria-labelledby="group-title">
      <p>
        <Link href="/a/admin/groups">{t('backToGroups')}</Link>
      </p>
      <h1 id="group-title">{group.data ? t('groupEdit', { name: group.data.name }) : t('groupNew')}</h1>
      <form className="admin-form card" onSubmit={submit} noValidate>
        <TextField
          label={t('name')}
          required
          value={draft.name}
          onChange={(name) => set({ name })}
          error={errors.name}
        />
        <TextField
          label={t('description')}
          multiline
          value={draft.description}
          onChange={(description) => set({ description })}
          error={errors.description}
        />
        <ChoiceSet
          legend={t('agents')}
          options={(agents.data ?? []).map((a) => ({
            value: a.id,
            label: a.contact.email ? `${a.contact.name} (${a.contact.email})` : a.contact.name,
          }))}
          selected={draft.agentIds}
          onChange={(agentIds) => set({ agentIds })}
          error={errors.agent_ids}
        />
        <SaveError error={save.error} shown={['name', 'description', 'agent_ids']} />
        {saved && (
          <p role="status" className="success">
            {t('saved')}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? t('saving') : id === undefined ? t('groupCreate') : t('save')}
          </button>
        </div>
      </form>
      {id !== undefined && (
        <ConfirmDelete
          title={t('groupDelete')}
          question={t('groupDeleteConfirm')}
          confirm={t('confirmDelete')}
          cancel={t('cancel')}
          pending={destroy.isPending}
          error={destroy.error}
          onConfirm={() => destroy.mutate()}
        />
      )}
    </section>
  );
}
