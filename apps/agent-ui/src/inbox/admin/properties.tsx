import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useCatalogue, type Catalogue } from '../../shared/i18n.js';
import { useInbox } from '../inbox-context.js';
import { adminPath, navigate } from '../routes.js';
import {
  AdminLink,
  Field,
  fieldErrorsOf,
  FormActions,
  FormHead,
  ItemRoute,
  linesOf,
  ListScreen,
  SaveStatus,
} from './account-common.js';

const en = {
  title: 'User properties',
  intro: 'Custom properties of your users (C4): the widget and the API fill them, agents see them.',
  add: 'Add a property',
  newTitle: 'New user property',
  editTitle: 'Edit {label}',
  name: 'Name',
  nameHint:
    "Starts with 'cf_', then lower-case words joined by underscores (e.g. cf_plan). It cannot be changed later.",
  label: 'Label',
  type: 'Type',
  'type.text': 'Text',
  'type.number': 'Number',
  'type.boolean': 'Yes / no',
  'type.date': 'Date',
  'type.dropdown': 'Dropdown',
  typeFixed: 'The type cannot be changed: stored values were checked against it.',
  choices: 'Choices',
  choicesHint: 'One per line.',
  empty: 'No user properties yet.',
  notFound: 'This property does not exist.',
  deleteHint: 'Deleting a property also deletes every user’s value of it.',
} as const;

const ja: Record<keyof typeof en, string> = {
  title: 'ユーザープロパティ',
  intro: 'ユーザーのカスタムプロパティ（C4）。ウィジェットや API が値を設定し、エージェントが参照します。',
  add: 'プロパティを追加',
  newTitle: '新しいユーザープロパティ',
  editTitle: '{label} を編集',
  name: '名前',
  nameHint:
    '「cf_」で始まり、小文字の単語をアンダースコアでつなぎます（例：cf_plan）。後から変更できません。',
  label: '表示名',
  type: '種類',
  'type.text': 'テキスト',
  'type.number': '数値',
  'type.boolean': 'はい／いいえ',
  'type.date': '日付',
  'type.dropdown': 'ドロップダウン',
  typeFixed: '保存済みの値が種類に合わせて検証されているため、種類は変更できません。',
  choices: '選択肢',
  choicesHint: '1 行に 1 つ。',
  empty: 'ユーザープロパティはまだありません。',
  notFound: 'このプロパティは存在しません。',
  deleteHint: 'プロパティを削除すると、すべてのユーザーのその値も削除されます。',
};

export const propertiesText = { en, ja } satisfies Catalogue<keyof typeof en>;

export const PROPERTY_TYPES = ['text', 'number', 'boolean', 'date', 'dropdown'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

/** A user property definition (`GET /v2/users/fields`). */
export interface UserProperty {
  name: string;
  label: string;
  type: PropertyType;
  choices: string[];
}

export function useUserProperties() {
  const { client } = useInbox();
  return useQuery({
    queryKey: ['admin', 'user-properties'],
    queryFn: async () => (await client.request<{ fields: UserProperty[] }>('GET', '/users/fields')).fields,
  });
}

/** Admin > User properties: the list, a new property (`new`) or one property (its name). */
export default function PropertiesScreen({ rest }: { rest: string[] }) {
  const t = useCatalogue(propertiesText);
  return (
    <ItemRoute
      section="properties"
      first={rest[0]}
      query={useUserProperties()}
      keyOf={(property) => property.name}
      list={() => <PropertyList />}
      form={(property) => <PropertyForm key={property?.name} property={property} />}
      notFound={t('notFound')}
    />
  );
}

function PropertyList() {
  const t = useCatalogue(propertiesText);
  return (
    <ListScreen
      section="properties"
      title={t('title')}
      addLabel={t('add')}
      intro={t('intro')}
      query={useUserProperties()}
      empty={t('empty')}
      columns={[t('label'), t('name'), t('type'), t('choices')]}
      row={(property) => (
        <tr key={property.name}>
          <td>
            <AdminLink href={adminPath('properties', property.name)}>{property.label}</AdminLink>
          </td>
          <td>
            <code>{property.name}</code>
          </td>
          <td>{t(`type.${property.type}`)}</td>
          <td>{property.choices.join(', ')}</td>
        </tr>
      )}
    />
  );
}

function PropertyForm({ property }: { property: UserProperty | null }) {
  const t = useCatalogue(propertiesText);
  const { client } = useInbox();
  const queries = useQueryClient();
  const [name, setName] = useState(property?.name ?? 'cf_');
  const [label, setLabel] = useState(property?.label ?? '');
  const [type, setType] = useState<PropertyType>(property?.type ?? 'text');
  const [choices, setChoices] = useState(property?.choices.join('\n') ?? '');
  const [done, setDone] = useState(false);

  const refresh = () => queries.invalidateQueries({ queryKey: ['admin', 'user-properties'] });
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      property
        ? client.request<UserProperty>('PUT', `/users/fields/${encodeURIComponent(property.name)}`, body)
        : client.request<UserProperty>('POST', '/users/fields', body),
    onSuccess: async (saved) => {
      await refresh();
      if (property) setDone(true);
      else navigate(adminPath('properties', saved.name));
    },
  });
  const remove = useMutation({
    mutationFn: () => client.request<void>('DELETE', `/users/fields/${encodeURIComponent(property!.name)}`),
    onSuccess: async () => {
      await refresh();
      navigate(adminPath('properties'));
    },
  });
  const errors = fieldErrorsOf(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    const body: Record<string, unknown> = { label };
    if (!property) {
      body.name = name.trim();
      body.type = type;
    }
    if (type === 'dropdown') body.choices = linesOf(choices);
    save.mutate(body);
  }

  return (
    <section className="admin-screen" aria-labelledby="property-form-title">
      <FormHead
        titleId="property-form-title"
        title={property ? t('editTitle', { label: property.label }) : t('newTitle')}
        backHref={adminPath('properties')}
      />
      <form className="admin-form" onSubmit={submit} noValidate>
        <SaveStatus failed={save.isError} error={save.error} errors={errors} done={done} />
        {property ? (
          <p>
            <code>{property.name}</code>
          </p>
        ) : (
          <Field label={t('name')} hint={t('nameHint')} error={errors.name}>
            {(props) => (
              <input
                {...props}
                autoComplete="off"
                spellCheck={false}
                autoCapitalize="off"
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            )}
          </Field>
        )}
        <Field label={t('label')} error={errors.label}>
          {(props) => <input {...props} value={label} onChange={(event) => setLabel(event.target.value)} />}
        </Field>
        <Field label={t('type')} hint={property ? t('typeFixed') : undefined} error={errors.type}>
          {(props) => (
            <select
              {...props}
              value={type}
              disabled={!!property}
              onChange={(event) => setType(event.target.value as PropertyType)}
            >
              {PROPERTY_TYPES.map((value) => (
                <option key={value} value={value}>
                  {t(`type.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {type === 'dropdown' && (
          <Field label={t('choices')} hint={t('choicesHint')} error={errors.choices}>
            {(props) => (
              <textarea
                {...props}
                rows={5}
                value={choices}
                onChange={(event) => setChoices(event.target.value)}
              />
            )}
          </Field>
        )}
        <FormActions
          saving={save.isPending}
          remove={!!property && remove}
          note={property && <p className="hint">{t('deleteHint')}</p>}
        />
      </form>
    </section>
  );
}
