import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useCatalogue, type Catalogue } from '../../shared/i18n.js';
import { fullName } from '../chat-api.js';
import { useInbox } from '../inbox-context.js';
import { adminPath, navigate } from '../routes.js';
import {
  AdminLink,
  Field,
  fieldErrorsOf,
  FormActions,
  FormHead,
  ItemRoute,
  ListScreen,
  SaveStatus,
} from './account-common.js';
import { useAllAgents, useAllGroups } from './agents.js';

const en = {
  title: 'Groups',
  add: 'Add a group',
  newTitle: 'New group',
  editTitle: 'Edit group {name}',
  name: 'Name',
  description: 'Description',
  routing: 'Routing',
  'routing.round_robin': 'Round robin: new chats go to the next available member',
  'routing.manual': 'Manual: members pick chats themselves',
  'routingShort.round_robin': 'Round robin',
  'routingShort.manual': 'Manual',
  agents: 'Agents',
  members: 'Members',
  noAgents: 'No agents yet.',
  empty: 'No groups yet.',
  notFound: 'This group does not exist.',
} as const;

const ja: Record<keyof typeof en, string> = {
  title: 'グループ',
  add: 'グループを追加',
  newTitle: '新しいグループ',
  editTitle: 'グループ {name} を編集',
  name: '名前',
  description: '説明',
  routing: '割り当て方法',
  'routing.round_robin': 'ラウンドロビン：新しいチャットを次の対応可能なメンバーに割り当てる',
  'routing.manual': '手動：メンバーが自分でチャットを選ぶ',
  'routingShort.round_robin': 'ラウンドロビン',
  'routingShort.manual': '手動',
  agents: 'エージェント',
  members: 'メンバー',
  noAgents: 'エージェントはまだいません。',
  empty: 'グループはまだありません。',
  notFound: 'このグループは存在しません。',
};

const groupsText = { en, ja } satisfies Catalogue<keyof typeof en>;

interface AdminGroup {
  id: string;
  name: string;
  description: string | null;
  routing_type: 'round_robin' | 'manual';
  agents: string[];
}

/** Admin > Groups: the list, a new group (`new`) or one group (its id). */
export default function GroupsScreen({ rest }: { rest: string[] }) {
  const t = useCatalogue(groupsText);
  return (
    <ItemRoute
      section="groups"
      first={rest[0]}
      query={useAllGroups<AdminGroup>()}
      keyOf={(group) => group.id}
      list={() => <GroupList />}
      form={(group) => <GroupForm key={group?.id} group={group} />}
      notFound={t('notFound')}
    />
  );
}

function GroupList() {
  const t = useCatalogue(groupsText);
  return (
    <ListScreen
      section="groups"
      title={t('title')}
      addLabel={t('add')}
      query={useAllGroups<AdminGroup>()}
      empty={t('empty')}
      columns={[t('name'), t('routing'), t('members')]}
      row={(group) => (
        <tr key={group.id}>
          <td>
            <AdminLink href={adminPath('groups', group.id)}>{group.name}</AdminLink>
          </td>
          <td>{t(`routingShort.${group.routing_type}`)}</td>
          <td>{group.agents.length}</td>
        </tr>
      )}
    />
  );
}

function GroupForm({ group }: { group: AdminGroup | null }) {
  const t = useCatalogue(groupsText);
  const { client } = useInbox();
  const queries = useQueryClient();
  const agents = useAllAgents();
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [routing, setRouting] = useState<AdminGroup['routing_type']>(group?.routing_type ?? 'round_robin');
  const [members, setMembers] = useState<string[]>(group?.agents ?? []);
  const [done, setDone] = useState(false);

  const refresh = async () => {
    await queries.invalidateQueries({ queryKey: ['admin', 'groups'] });
    await queries.invalidateQueries({ queryKey: ['admin', 'agents'] });
  };
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      group
        ? client.request<AdminGroup>('PUT', `/groups/${group.id}`, body)
        : client.request<AdminGroup>('POST', '/groups', body),
    onSuccess: async (saved) => {
      await refresh();
      if (group) setDone(true);
      else navigate(adminPath('groups', saved.id));
    },
  });
  const remove = useMutation({
    mutationFn: () => client.request<void>('DELETE', `/groups/${group!.id}`),
    onSuccess: async () => {
      await refresh();
      navigate(adminPath('groups'));
    },
  });
  const errors = fieldErrorsOf(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    save.mutate({
      name,
      description: description.trim() ? description : null,
      routing_type: routing,
      agents: members,
    });
  }

  return (
    <section className="admin-screen" aria-labelledby="group-form-title">
      <FormHead
        titleId="group-form-title"
        title={group ? t('editTitle', { name: group.name }) : t('newTitle')}
        backHref={adminPath('groups')}
      />
      <form className="admin-form" onSubmit={submit} noValidate>
        <SaveStatus failed={save.isError} error={save.error} errors={errors} done={done} />
        <Field label={t('name')} error={errors.name}>
          {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <Field label={t('description')} error={errors.description}>
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
          )}
        </Field>
        <fieldset className="admin-checks">
          <legend>{t('routing')}</legend>
          {(['round_robin', 'manual'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="routing"
                value={value}
                checked={routing === value}
                onChange={() => setRouting(value)}
              />
              {t(`routing.${value}`)}
            </label>
          ))}
          {errors.routing_type && <p className="error field-error">{errors.routing_type}</p>}
        </fieldset>
        <fieldset className="admin-checks">
          <legend>{t('agents')}</legend>
          {agents.data?.length === 0 && <p className="hint">{t('noAgents')}</p>}
          {agents.data
            ?.filter((agent) => !agent.is_deactivated || members.includes(agent.id))
            .map((agent) => (
              <label key={agent.id}>
                <input
                  type="checkbox"
                  checked={members.includes(agent.id)}
                  onChange={(event) =>
                    setMembers((current) =>
                      event.target.checked ? [...current, agent.id] : current.filter((id) => id !== agent.id),
                    )
                  }
                />
                {fullName(agent) || agent.email}
              </label>
            ))}
          {errors.agents && <p className="error field-error">{errors.agents}</p>}
        </fieldset>
        <FormActions saving={save.isPending} remove={!!group && remove} />
      </form>
    </section>
  );
}
