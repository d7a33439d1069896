import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorText } from '../../shared/api.js';
import { useCatalogue, useI18n, type Catalogue } from '../../shared/i18n.js';
import { useInbox } from '../inbox-context.js';
import { adminPath, navigate } from '../routes.js';
import {
  AdminTable,
  commonText,
  Field,
  fieldErrorsOf,
  FormActions,
  SaveStatus,
  useFocusOnMount,
} from './account-common.js';
import { useUserProperties } from './properties.js';
import { useAllSites, type AdminSite } from './sites.js';

const en = {
  title: 'Pre-chat form',
  intro:
    'What the widget asks visitors before their first message, per site. Answers fill the user’s name, email, phone and properties.',
  site: 'Site',
  noSites: 'Add a site first.',
  enabled: 'Show the pre-chat form',
  fields: 'Fields',
  field: 'Field',
  ask: 'Ask',
  required: 'Required',
  askField: 'Ask for {field}',
  requireField: '{field} is required',
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  phone: 'Phone',
  noProperties: 'Add user properties to ask for more.',
  message: 'Message above the form',
  messageHint: 'Leave blank for the widget’s own (“Tell us a little about yourself.”).',
  messageEn: 'Message above the form (English)',
  messageJa: 'Message above the form (Japanese)',
  greeting: 'Greeting',
  greetingHint: 'Shown in an empty conversation; leave blank for the widget’s own.',
  greetingEn: 'Greeting (English)',
  greetingJa: 'Greeting (Japanese)',
} as const;

const ja: Record<keyof typeof en, string> = {
  title: 'チャット前フォーム',
  intro:
    'サイトごとに、最初のメッセージの前にウィジェットが訪問者に尋ねる項目です。回答はユーザーの名前、メールアドレス、電話番号、プロパティに保存されます。',
  site: 'サイト',
  noSites: '先にサイトを追加してください。',
  enabled: 'チャット前フォームを表示する',
  fields: '項目',
  field: '項目',
  ask: '尋ねる',
  required: '必須',
  askField: '{field} を尋ねる',
  requireField: '{field} を必須にする',
  first_name: '名',
  last_name: '姓',
  email: 'メールアドレス',
  phone: '電話番号',
  noProperties: 'ユーザープロパティを追加すると、さらに項目を尋ねられます。',
  message: 'フォーム上部のメッセージ',
  messageHint: '空欄の場合はウィジェット既定の文言（「あなたについて少し教えてください。」）になります。',
  messageEn: 'フォーム上部のメッセージ（英語）',
  messageJa: 'フォーム上部のメッセージ（日本語）',
  greeting: 'あいさつ',
  greetingHint: '会話が空のときに表示されます。空欄の場合はウィジェット既定の文言になります。',
  greetingEn: 'あいさつ（英語）',
  greetingJa: 'あいさつ（日本語）',
};

const prechatText = { en, ja } satisfies Catalogue<keyof typeof en>;

const CONTACT_FIELDS = ['first_name', 'last_name', 'email', 'phone'] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];
type PrechatField = AdminSite['widget_settings']['prechat']['fields'][number];

/** Admin > Pre-chat form: one site's form (the site id in `rest`, else the first site). */
export default function PrechatScreen({ rest }: { rest: string[] }) {
  const t = useCatalogue(prechatText);
  const c = useCatalogue(commonText);
  const { t: shared } = useI18n();
  const sites = useAllSites();
  const properties = useUserProperties();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const list = sites.data ?? [];
  const site =
    list.find((candidate) => candidate.id === rest[0]) ??
    list.find((candidate) => candidate.id === 'default') ??
    list[0];

  return (
    <section className="admin-screen" aria-labelledby="prechat-title">
      <h2 id="prechat-title" tabIndex={-1} ref={heading}>
        {t('title')}
      </h2>
      <p className="hint">{t('intro')}</p>
      {sites.isPending || properties.isPending ? (
        <p>{c('loading')}</p>
      ) : sites.isError || properties.isError ? (
        <p className="error" role="alert">
          {errorText(sites.error ?? properties.error, shared)}
        </p>
      ) : !site ? (
        <p>{t('noSites')}</p>
      ) : (
        <>
          <Field label={t('site')}>
            {(props) => (
              <select
                {...props}
                value={site.id}
                onChange={(event) => navigate(adminPath('prechat', event.target.value), { replace: true })}
              >
                {list.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.name} ({candidate.id})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <PrechatForm
            key={`${site.id}:${properties.data.length}`}
            site={site}
            properties={properties.data}
          />
        </>
      )}
    </section>
  );
}

function PrechatForm({
  site,
  properties,
}: {
  site: AdminSite;
  properties: { name: string; label: string }[];
}) {
  const t = useCatalogue(prechatText);
  const { client } = useInbox();
  const queries = useQueryClient();
  const settings = site.widget_settings;
  const [enabled, setEnabled] = useState(settings.prechat.enabled);
  const [chosen, setChosen] = useState<Map<string, PrechatField>>(
    () => new Map(settings.prechat.fields.map((field) => [field.name, field])),
  );
  const [messageEn, setMessageEn] = useState(settings.prechat.message?.en ?? '');
  const [messageJa, setMessageJa] = useState(settings.prechat.message?.ja ?? '');
  const [greetingEn, setGreetingEn] = useState(settings.greeting?.en ?? '');
  const [greetingJa, setGreetingJa] = useState(settings.greeting?.ja ?? '');
  const [done, setDone] = useState(false);

  const candidates: { name: string; label: string }[] = [
    ...CONTACT_FIELDS.map((name: ContactField) => ({ name, label: t(name) })),
    ...properties.map((property) => ({ name: property.name, label: property.label })),
    // A field whose property was deleted stays listed, so it can be taken off the form.
    ...settings.prechat.fields
      .filter(
        (field) =>
          !(CONTACT_FIELDS as readonly string[]).includes(field.name) &&
          !properties.some((property) => property.name === field.name),
      )
      .map((field) => ({ name: field.name, label: field.name })),
  ];

  const save = useMutation({
    mutationFn: (widgetSettings: AdminSite['widget_settings']) =>
      client.request<AdminSite>('PUT', `/sites/${encodeURIComponent(site.id)}`, {
        widget_settings: widgetSettings,
      }),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['admin', 'sites'] });
      setDone(true);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const fieldsError = [
    errors['widget_settings.prechat.fields'],
    errors['widget_settings.prechat.fields.name'],
  ]
    .filter(Boolean)
    .join(' ');

  function update(name: string, change: Partial<PrechatField> | null) {
    setChosen((current) => {
      const next = new Map(current);
      if (change === null) next.delete(name);
      else next.set(name, { ...(current.get(name) ?? { name, label: null, required: false }), ...change });
      return next;
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    save.mutate({
      ...settings,
      prechat: {
        enabled,
        message: localText(messageEn, messageJa),
        // In the order the form lists them.
        fields: candidates.flatMap((candidate) => {
          const field = chosen.get(candidate.name);
          return field ? [field] : [];
        }),
      },
      greeting: localText(greetingEn, greetingJa),
    });
  }

  return (
    <form className="admin-form" onSubmit={submit} noValidate>
      <SaveStatus failed={save.isError} error={save.error} errors={errors} done={done} />
      <label className="admin-check">
        <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
        {t('enabled')}
      </label>
      <fieldset
        className="admin-fieldset"
        aria-describedby={fieldsError ? 'prechat-fields-error' : undefined}
      >
        <legend>{t('fields')}</legend>
        <AdminTable columns={[t('field'), t('ask'), t('required')]}>
          {candidates.map((candidate) => {
            const field = chosen.get(candidate.name);
            return (
              <tr key={candidate.name}>
                <th scope="row">
                  {candidate.label}
                  {candidate.name.startsWith('cf_') && (
                    <>
                      {' '}
                      <code className="hint">{candidate.name}</code>
                    </>
                  )}
                </th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('askField', { field: candidate.label })}
                    checked={!!field}
                    onChange={(event) => update(candidate.name, event.target.checked ? {} : null)}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('requireField', { field: candidate.label })}
                    checked={!!field?.required}
                    disabled={!field}
                    onChange={(event) => update(candidate.name, { required: event.target.checked })}
                  />
                </td>
              </tr>
            );
          })}
        </AdminTable>
        {properties.length === 0 && <p className="hint">{t('noProperties')}</p>}
        {fieldsError && (
          <p id="prechat-fields-error" className="error field-error">
            {fieldsError}
          </p>
        )}
      </fieldset>
      <LocalTextFields
        legend={t('message')}
        hint={t('messageHint')}
        labels={[t('messageEn'), t('messageJa')]}
        values={[messageEn, messageJa]}
        setters={[setMessageEn, setMessageJa]}
        errors={errors}
        field="widget_settings.prechat.message"
      />
      <LocalTextFields
        legend={t('greeting')}
        hint={t('greetingHint')}
        labels={[t('greetingEn'), t('greetingJa')]}
        values={[greetingEn, greetingJa]}
        setters={[setGreetingEn, setGreetingJa]}
        errors={errors}
        field="widget_settings.greeting"
      />
      <FormActions saving={save.isPending} />
    </form>
  );
}

/** `{en?, ja?}` from two boxes; null when both are blank (the widget's own text). */
function localText(en: string, ja: string): { en?: string; ja?: string } | null {
  const text = { ...(en.trim() ? { en } : {}), ...(ja.trim() ? { ja } : {}) };
  return text.en === undefined && text.ja === undefined ? null : text;
}

/** An English and a Japanese text box, with the API's errors for `field` (and its .en / .ja). */
function LocalTextFields(props: {
  legend: string;
  hint: string;
  labels: [string, string];
  values: [string, string];
  setters: [(value: string) => void, (value: string) => void];
  errors: Record<string, string>;
  field: string;
}) {
  const { errors, field } = props;
  return (
    <fieldset className="admin-fieldset">
      <legend>{props.legend}</legend>
      <p className="hint">{props.hint}</p>
      {(['en', 'ja'] as const).map((language, index) => (
        <Field
          key={language}
          label={props.labels[index]!}
          error={errors[`${field}.${language}`] ?? (index === 0 ? errors[field] : undefined)}
        >
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={props.values[index]}
              onChange={(event) => props.setters[index]!(event.target.value)}
            />
          )}
        </Field>
      ))}
    </fieldset>
  );
}
