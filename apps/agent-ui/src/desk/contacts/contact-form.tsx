import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCatalogue } from '../../shared/i18n.js';
import { api } from '../api.js';
import { useCompanyChoices, type Contact } from './contacts-api.js';
import { contactsText, type ContactsKey } from './contacts-text.js';
import { FormActions, useRecordForm } from '../ui/record-form.js';
import { Field, FormSummary, orNull, splitList, TextField } from './form-controls.js';

const TEXT_FIELDS = [
  ['name', 'name', 'text'],
  ['email', 'email', 'email'],
  ['phone', 'phone', 'tel'],
  ['mobile', 'mobile', 'tel'],
  ['twitter_id', 'twitter', 'text'],
  ['unique_external_id', 'externalId', 'text'],
  ['job_title', 'jobTitle', 'text'],
] as const satisfies readonly (readonly [string, ContactsKey, 'text' | 'email' | 'tel'])[];
type TextName = (typeof TEXT_FIELDS)[number][0];
const SHOWN = [
  ...TEXT_FIELDS.map(([name]) => name),
  'company_id',
  'address',
  'description',
  'tags',
  'view_all_tickets',
];

interface Values extends Record<TextName, string> {
  company_id: string;
  address: string;
  description: string;
  tags: string;
  view_all_tickets: boolean;
}

const valuesOf = (contact?: Contact): Values => ({
  name: contact?.name ?? '',
  email: contact?.email ?? '',
  phone: contact?.phone ?? '',
  mobile: contact?.mobile ?? '',
  twitter_id: contact?.twitter_id ?? '',
  unique_external_id: contact?.unique_external_id ?? '',
  job_title: contact?.job_title ?? '',
  company_id: contact?.company_id == null ? '' : String(contact.company_id),
  address: contact?.address ?? '',
  description: contact?.description ?? '',
  tags: contact?.tags.join(', ') ?? '',
  view_all_tickets: contact?.view_all_tickets ?? false,
});

/**
 * Creates a contact (no `contact`) or edits one. Desk's field errors appear under their fields
 * and every value typed stays as it was, so the agent fixes only what is wrong.
 */
export function ContactForm(props: { contact?: Contact; onSaved(contact: Contact): void; onCancel(): void }) {
  const t = useCatalogue(contactsText);
  const queryClient = useQueryClient();
  const companies = useCompanyChoices();
  const [values, setValues] = useState(() => valuesOf(props.contact));
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const save = useMutation({
    mutationFn: async () => {
      const body: Record<string, unknown> = {
        name: values.name,
        company_id: values.company_id ? Number(values.company_id) : null,
        address: orNull(values.address),
        description: orNull(values.description),
        tags: splitList(values.tags),
        view_all_tickets: values.view_all_tickets,
      };
      for (const [name] of TEXT_FIELDS) if (name !== 'name') body[name] = orNull(values[name]);
      if (!props.contact) {
        // A new contact sends only what was filled in.
        for (const key of Object.keys(body)) if (body[key] === null) delete body[key];
        return (await api.post<Contact>('/contacts', body)).data;
      }
      return (await api.put<Contact>(`/contacts/${props.contact.id}`, body)).data;
    },
    onSuccess: async (contact) => {
      queryClient.setQueryData(['contacts', contact.id], contact);
      await queryClient.invalidateQueries({ queryKey: ['contacts', 'list'] });
      props.onSaved(contact);
    },
  });
  const { errors, formRef, submit } = useRecordForm(save, SHOWN);
  const selectedCompany = values.company_id ? Number(values.company_id) : undefined;
  const companyChoices = companies.data ?? [];

  return (
    <form ref={formRef} className="record-form" onSubmit={submit} noValidate>
      <FormSummary errors={errors} fixText={t('fixErrors')} otherText={t('otherErrors')} />
      <p className="hint">{t('identifiersHint')}</p>
      {TEXT_FIELDS.map(([name, label, type]) => (
        <TextField
          key={name}
          id={`contact-${name}`}
          label={t(label)}
          type={type}
          required={name === 'name'}
          value={values[name]}
          error={errors?.byField[name]}
          onChange={(value) => set(name, value)}
        />
      ))}
      <Field id="contact-company" label={t('company')} error={errors?.byField.company_id}>
        {(describedBy, invalid) => (
          <select
            id="contact-company"
            value={values.company_id}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(e) => set('company_id', e.target.value)}
          >
            <option value="">{t('noCompany')}</option>
            {selectedCompany !== undefined && !companyChoices.some((c) => c.id === selectedCompany) && (
              <option value={selectedCompany}>#{selectedCompany}</option>
            )}
            {companyChoices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-field checkbox">
        <input
          id="contact-view-all"
          type="checkbox"
          checked={values.view_all_tickets}
          onChange={(e) => set('view_all_tickets', e.target.checked)}
        />
        <label htmlFor="contact-view-all">{t('viewAllTickets')}</label>
      </div>
      <TextField
        id="contact-address"
        label={t('address')}
        value={values.address}
        error={errors?.byField.address}
        onChange={(value) => set('address', value)}
      />
      <TextField
        id="contact-description"
        label={t('about')}
        multiline
        value={values.description}
        error={errors?.byField.description}
        onChange={(value) => set('description', value)}
      />
      <TextField
        id="contact-tags"
        label={t('tags')}
        hint={t('tagsHint')}
        value={values.tags}
        error={errors?.byField.tags}
        onChange={(value) => set('tags', value)}
      />
      <FormActions pending={save.isPending} isNew={!props.contact} onCancel={props.onCancel} />
    </form>
  );
}
