import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorText } from '../../shared/api.js';
import { useCatalogue, useI18n, type Catalogue } from '../../shared/i18n.js';
import { useInbox } from '../inbox-context.js';
import { adminPath, followLink, navigate } from '../routes.js';
import {
  commonText,
  DeleteButton,
  Field,
  fieldErrorsOf,
  linesOf,
  useFocusOnMount,
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
  const c = useCatalogue(commonText);
  const [first] = rest;
  const properties = useUserProperties();
  if (first === 'new') return <PropertyForm property={null} />;
  if (first) {
    if (properties.isPending) return <p>{c('loading')}</p>;
    const property = properties.data?.find((candidate) => candidate.name === first);
    if (!property)
      return (
        <section className="admin-screen">
          <p role="alert">{t('notFound')}</p>
          <a href={adminPath('properties')} onClick={followLink}>
            {c('back')}
          </a>
        </section>
      );
    return <PropertyForm key={property.name} property={property} />;
  }
  return <PropertyList />;
}

function PropertyList() {
  const t = useCatalogue(propertiesText);
  const c = useCatalogue(commonText);
  const { t: shared } = useI18n();
  const properties = useUserProperties();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="admin-screen" aria-labelledby="properties-title">
      <div className="admin-head">
        <h2 id="properties-title" tabIndex={-1} ref={heading}>
          {t('title')}
        </h2>
        <a className="button" href={adminPath('properties', 'new')} onClick={followLink}>
          {t('add')}
        </a>
      </div>
      <p className="hint">{t('intro')}</p>
      {properties.isPending ? (
        <p>{c('loading')}</p>
      ) : properties.isError ? (
        <p className="error" role="alert">
          {errorText(properties.error, shared)}
        </p>
      ) : properties.data.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('label')}</th>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('type')}</th>
                <th scope="col">{t('choices')}</th>
              </tr>
            </thead>
            <tbody>
              {properties.data.map((property) => (
                <tr key={property.name}>
                  <td>
                    <a href={adminPath('properties', property.name)} onClick={followLink}>
                      {property.label}
                    </a>
                  </td>
                  <td>
                    <code>{property.name}</code>
                  </td>
                  <td>{t(`type.${property.type}`)}</td>
                  <td>{property.choices.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function PropertyForm({ property }: { property: UserProperty | null }) {
  const t = useCatalogue(propertiesText);
  const c = useCatalogue(commonText);
  const { t: shared } = useI18n();
  const { client } = useInbox();
  const queries = useQueryClient();
  const heading = useFocusOnMount<HTMLHeadingElement>();
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
      <a href={adminPath('properties')} onClick={followLink}>
        {c('back')}
      </a>
      <h2 id="property-form-title" tabIndex={-1} ref={heading}>
        {property ? t('editTitle', { label: property.label }) : t('newTitle')}
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
        <div className="admin-actions">
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? c('saving') : c('save')}
          </button>
          {property && <DeleteButton busy={remove.isPending} onConfirm={() => remove.mutate()} />}
        </div>
        {property && <p className="hint">{t('deleteHint')}</p>}
        {remove.isError && (
          <p className="error" role="alert">
            {errorText(remove.error, shared)}
          </p>
        )}
      </form>
    </section>
  );
}
