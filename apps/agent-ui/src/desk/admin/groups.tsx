import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api.js';
import { Link } from '../router.js';
import { useCatalogue } from '../../shared/i18n.js';
import { ADMIN_KEYS, useAgents, useGroups, type AdminGroup } from './admin-api.js';
import { adminText } from './admin-text.js';
import {
  AdminTable,
  ChoiceSet,
  ConfirmDelete,
  DeletedNotice,
  EditHead,
  FormFooter,
  ListHead,
  Loading,
  TextField,
} from './form.js';
import { binder, useRecordEditor } from './record-editor.js';

/** All groups with their agent counts; links to edit each and to add one. */
export function GroupList() {
  const t = useCatalogue(adminText);
  const groups = useGroups();
  return (
    <section aria-labelledby="groups-title">
      <ListHead
        titleId="groups-title"
        title={t('groupsTitle')}
        newHref="/a/admin/groups/new"
        newLabel={t('groupNew')}
      />
      <DeletedNotice />
      {!groups.data ? (
        <Loading error={groups.error} />
      ) : groups.data.length === 0 ? (
        <p>{t('noGroups')}</p>
      ) : (
        <AdminTable columns={[t('name'), t('description'), t('agentCount')]}>
          {groups.data.map((group) => (
            <tr key={group.id}>
              <th scope="row">
                <Link href={`/a/admin/groups/${group.id}`}>{group.name}</Link>
              </th>
              <td>{group.description}</td>
              <td>{group.agent_ids.length}</td>
            </tr>
          ))}
        </AdminTable>
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
  const agents = useAgents();
  const {
    record: group,
    draft,
    set,
    errors,
    save,
    destroy,
    submit,
  } = useRecordEditor<AdminGroup, GroupDraft>({
    id,
    kind: 'group',
    path: `/groups/${id}`,
    screen: '/a/admin/groups',
    empty: { name: '', description: '', agentIds: [] },
    draftOf,
    send: async (d) => {
      const body = { name: d.name, description: d.description.trim() || null, agent_ids: d.agentIds };
      return id === undefined
        ? (await api.post<AdminGroup>('/groups', body)).data
        : (await api.put<AdminGroup>(`/groups/${id}`, body)).data;
    },
    refresh: () => {
      void client.invalidateQueries({ queryKey: ADMIN_KEYS.groups });
      // Agents' group lists change with the group's members.
      void client.invalidateQueries({ queryKey: ADMIN_KEYS.agents });
    },
  });

  if (id !== undefined && !group.data) return <Loading error={group.error} />;
  if (!draft) return <Loading />;
  const { text } = binder(draft, set, errors);

  return (
    <section aria-labelledby="group-title">
      <EditHead
        backHref="/a/admin/groups"
        backLabel={t('backToGroups')}
        titleId="group-title"
        title={group.data ? t('groupEdit', { name: group.data.name }) : t('groupNew')}
      />
      <form className="admin-form card" onSubmit={submit} noValidate>
        <TextField label={t('name')} required {...text('name', 'name')} />
        <TextField label={t('description')} multiline {...text('description', 'description')} />
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
        <FormFooter
          save={save}
          shown={['name', 'description', 'agent_ids']}
          isNew={id === undefined}
          createLabel={t('groupCreate')}
        />
      </form>
      {id !== undefined && (
        <ConfirmDelete
          title={t('groupDelete')}
          question={t('groupDeleteConfirm')}
          pending={destroy.isPending}
          error={destroy.error}
          onConfirm={() => destroy.mutate()}
        />
      )}
    </section>
  );
}
