import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorText } from '../../shared/api.js';
import { useCatalogue, useI18n, type Catalogue } from '../../shared/i18n.js';
import { fullName } from '../chat-api.js';
import { useInbox } from '../inbox-context.js';
import { adminPath, followLink, navigate } from '../routes.js';
import { commonText, DeleteButton, Field, fieldErrorsOf, useFocusOnMount } from './account-common.js';
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
  const c = useCatalogue(commonText);
  const [first] = rest;
  const groups = useAllGroups<AdminGroup>();
  if (first === 'new') return <GroupForm group={null} />;
  if (first) {
    if (groups.isPending) return <p>{c('loading')}</p>;
    const group = groups.data?.find((candidate) => candidate.id === first);
    if (!group)
      return (
        <section className="admin-screen">
          <p role="alert">{t('notFound')}</p>
          <a href={adminPath('groups')} onClick={followLink}>
            {c('back')}
          </a>
        </section>
      );
    return <GroupForm key={group.id} group={group} />;
  }
  return <GroupList />;
}

function GroupList() {
  const t = useCatalogue(groupsText);
  const c = useCatalogue(commonText);
  const { t: shared } = useI18n();
  const groups = useAllGroups<AdminGroup>();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="admin-screen" aria-labelledby="groups-title">
      <div className="admin-head">
        <h2 id="groups-title" tabIndex={-1} ref={heading}>
          {t('title')}
        </h2>
        <a className="button" href={adminPath('groups', 'new')} onClick={followLink}>
          {t('add')}
        </a>
      </div>
      {groups.isPending ? (
        <p>{c('loading')}</p>
      ) : groups.isError ? (
        <p className="error" role="alert">
          {errorText(groups.error, shared)}
        </p>
      ) : groups.data.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('routing')}</th>
                <th scope="col">{t('members')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.data.map((group) => (
                <tr key={group.id}>
                  <td>
                    <a href={adminPath('groups', group.id)} onClick={followLink}>
                      {group.name}
                    </a>
                  </td>
                  <td>{t(`routingShort.${group.routing_type}`)}</td>
                  <td>{group.agents.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function GroupForm({ group }: { group: AdminGroup | null }) {
  const t = useCatalogue(groupsText);
  const c = useCatalogue(commonText);
  const { t: shared } = useI18n();
  const { client } = useInbox();
  const queries = useQueryClient();
  const agents = useAllAgents();
  const heading = useFocusOnMount<HTMLHeadingElement>();
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
      <a href={adminPath('groups')} onClick={followLink}>
        {c('back')}
      </a>
      <h2 id="group-form-title" tabIndex={-1} ref={heading}>
        {group ? t('editTitle', { name: group.name }) : t('newTitle')}
      </h2>
      <form className="admin-form" onSubmit={submit} noValidate>
        {save.isError && (
          <p className="error" role="alert">
            {Object.keys(errors).length ? c('formErrors') : errorText(save.error, shared)}
          </p>
        )}
        {done && (
          <p className="notice" role="status">
            {c('saved')}
          </p>
        )}
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
        <div className="admin-actions">
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? c('saving') : c('save')}
          </button>
          {group && <DeleteButton busy={remove.isPending} onConfirm={() => remove.mutate()} />}
        </div>
        {remove.isError && (
          <p className="error" role="alert">
            {errorText(remove.error, shared)}
          </p>
        )}
      </form>
    </section>
  );
}
