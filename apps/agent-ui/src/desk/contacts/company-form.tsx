import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCatalogue } from '../../shared/i18n.js';
import { api } from '../api.js';
import type { Company } from './contacts-api.js';
import { contactsText, type ContactsKey } from './contacts-text.js';
import { FormActions, useRecordForm } from '../ui/record-form.js';
import { FormSummary, orNull, splitList, TextField } from './form-controls.js';

const FIELDS = [
  ['name', 'companyName'],
  ['domains', 'domains'],
  ['description', 'description'],
  ['note', 'notes'],
  ['health_score', 'healthScore'],
  ['account_tier', 'accountTier'],
  ['renewal_date', 'renewalDate'],
  ['industry', 'industry'],
] as const satisfies readonly (readonly [string, ContactsKey])[];
type Name = (typeof FIELDS)[number][0];
const SHOWN = FIELDS.map(([name]) => name);

const valuesOf = (company?: Company): Record<Name, string> => ({
  name: company?.name ?? '',
  domains: company?.domains.join(', ') ?? '',
  description: company?.description ?? '',
  note: company?.note ?? '',
  health_score: company?.health_score ?? '',
  account_tier: company?.account_tier ?? '',
  renewal_date: company?.renewal_date?.slice(0, 10) ?? '',
  industry: company?.industry ?? '',
});

/** Creates or edits a company; field errors in place, nothing typed lost. */
export function CompanyForm(props: { company?: Company; onSaved(company: Company): void; onCancel(): void }) {
  const t = useCatalogue(contactsText);
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => valuesOf(props.company));
  const save = useMutation({
    mutationFn: async () => {
      const body: Record<string, unknown> = { name: values.name, domains: splitList(values.domains) };
      for (const name of ['description', 'note', 'health_score', 'account_tier', 'industry'] as const)
        body[name] = orNull(values[name]);
      // A date input gives YYYY-MM-DD; Desk stores a timestamp (midnight UTC).
      body.renewal_date = values.renewal_date ? `${values.renewal_date}T00:00:00Z` : null;
      if (!props.company) {
        for (const key of Object.keys(body)) if (body[key] === null) delete body[key];
        return (await api.post<Company>('/companies', body)).data;
      }
      return (await api.put<Company>(`/companies/${props.company.id}`, body)).data;
    },
    onSuccess: async (company) => {
      queryClient.setQueryData(['companies', company.id], company);
      await queryClient.invalidateQueries({ queryKey: ['companies', 'list'] });
      await queryClient.invalidateQueries({ queryKey: ['companies', 'choices'] });
      props.onSaved(company);
    },
  });
  const { errors, formRef, submit } = useRecordForm(save, SHOWN);
  return (
    <form ref={formRef} className="record-form" onSubmit={submit} noValidate>
      <FormSummary errors={errors} fixText={t('fixErrors')} otherText={t('otherErrors')} />
      {FIELDS.map(([name, label]) => (
        <TextField
          key={name}
          id={`company-${name}`}
          label={t(label)}
          required={name === 'name'}
          type={name === 'renewal_date' ? 'date' : 'text'}
          multiline={name === 'description' || name === 'note'}
          hint={name === 'domains' ? t('domainsHint') : undefined}
          value={values[name]}
          error={errors?.byField[name]}
          onChange={(value) => setValues((v) => ({ ...v, [name]: value }))}
        />
      ))}
      <FormActions pending={save.isPending} isNew={!props.company} onCancel={props.onCancel} />
    </form>
  );
}
