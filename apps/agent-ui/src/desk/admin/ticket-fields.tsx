import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { api } from '../api.js';
import { Link } from '../router.js';
import { useCatalogue } from '../../shared/i18n.js';
import { ADMIN_KEYS, useAdminFields, type AdminTicketField } from './admin-api.js';
import { adminText, type AdminKey } from './admin-text.js';
import {
  CheckField,
  ConfirmDelete,
  DeletedNotice,
  EditHead,
  FormFooter,
  ListHead,
  Loading,
  SaveError,
  TextField,
} from './form.js';
import { binder, useRecordEditor } from './record-editor.js';

/** The custom field types Desk supports, as offered when creating a field. */
const CUSTOM_TYPES: { type: string; label: AdminKey }[] = [
  { type: 'custom_text', label: 'typeText' },
  { type: 'custom_paragraph', label: 'typeParagraph' },
  { type: 'custom_number', label: 'typeNumber' },
  { type: 'custom_decimal', label: 'typeDecimal' },
  { type: 'custom_checkbox', label: 'typeCheckbox' },
  { type: 'custom_dropdown', label: 'typeDropdown' },
  { type: 'custom_date', label: 'typeDate' },
];
const hasChoiceList = (type: string) => type === 'custom_dropdown' || type === 'default_ticket_type';

/** Both the ticket page's fields and this editor's list change with any save here. */
function useRefreshFields() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ADMIN_KEYS.fields });
    void client.invalidateQueries({ queryKey: ['ticket_fields'] });
  };
}

/** The ticket form's fields in order, with move up/down buttons and links to edit each. */
export function TicketFieldList() {
  const t = useCatalogue(adminText);
  const fields = useAdminFields();
  const refresh = useRefreshFields();
  const list = useRef<HTMLOListElement>(null);
  // After a move the row is re-rendered elsewhere: put focus back on the button that was pressed.
  const [focusAfter, setFocusAfter] = useState<string | null>(null);
  const move = useMutation({
    mutationFn: async (input: { field: AdminTicketField; position: number; key: string }) => {
      await api.put(`/admin/ticket_fields/${input.field.id}`, { position: input.position });
      return input.key;
    },
    onSuccess: (key) => {
      setFocusAfter(key);
      refresh();
    },
  });
  useEffect(() => {
    if (!focusAfter || !list.current || fields.isFetching) return;
    const button = list.current.querySelector<HTMLButtonElement>(`[data-move="${focusAfter}"]`);
    const fallback = list.current.querySelector<HTMLButtonElement>(
      `[data-move^="${focusAfter.split(':')[0]}:"]:not(:disabled)`,
    );
    (button && !button.disabled ? button : fallback)?.focus();
    setFocusAfter(null);
  }, [focusAfter, fields.data, fields.isFetching]);
  const typeName = (type: string) => {
    const custom = CUSTOM_TYPES.find((c) => c.type === type);
    return custom ? t(custom.label) : t('typeDefault');
  };

  return (
    <section aria-labelledby="fields-title">
      <ListHead
        titleId="fields-title"
        title={t('fieldsTitle')}
        newHref="/a/admin/ticket-fields/new"
        newLabel={t('fieldNew')}
      />
      <p className="hint">{t('fieldsHint')}</p>
      <DeletedNotice />
      {move.isPending && (
        <p role="status" className="visually-hidden">
          {t('saving')}
        </p>
      )}
      <SaveError error={move.error} shown={[]} />
      {!fields.data ? (
        <Loading error={fields.error} />
      ) : (
        <ol className="field-rows" ref={list}>
          {fields.data.map((field, index, all) => {
            const flags = [
              field.required_for_agents && t('requiredForAgents'),
              field.required_for_closure && t('requiredForClosure'),
              field.required_for_customers && t('requiredForCustomers'),
            ].filter(Boolean);
            const before = all[index - 1];
            const after = all[index + 1];
            return (
              <li key={field.id} className="field-row">
                <div className="field-row-main">
                  <Link href={`/a/admin/ticket-fields/${field.id}`}>{field.label}</Link>
                  <span className="meta">
                    {typeName(field.type)}
                    {flags.length > 0 && ` · ${flags.join(' · ')}`}
                  </span>
                </div>
                <div className="field-row-moves">
                  <button
                    type="button"
                    data-move={`${field.id}:up`}
                    aria-label={t('moveUp', { label: field.label })}
                    disabled={!before || move.isPending}
                    onClick={() =>
                      before && move.mutate({ field, position: before.position, key: `${field.id}:up` })
                    }
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    data-move={`${field.id}:down`}
                    aria-label={t('moveDown', { label: field.label })}
                    disabled={!after || move.isPending}
                    onClick={() =>
                      after && move.mutate({ field, position: after.position, key: `${field.id}:down` })
                    }
                  >
                    ↓
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

interface FieldDraft {
  label: string;
  labelForCustomers: string;
  description: string;
  type: string;
  requiredForAgents: boolean;
  requiredForClosure: boolean;
  requiredForCustomers: boolean;
  displayedToCustomers: boolean;
  customersCanEdit: boolean;
  choices: string[];
}

function draftOf(f: AdminTicketField): FieldDraft {
  const choices = Array.isArray(f.choices)
    ? (f.choices as ({ value: string } | string)[]).map((c) => (typeof c === 'string' ? c : c.value))
    : [];
  return {
    label: f.label,
    labelForCustomers: f.label_for_customers ?? '',
    description: f.description ?? '',
    type: f.type,
    requiredForAgents: f.required_for_agents,
    requiredForClosure: f.required_for_closure,
    requiredForCustomers: f.required_for_customers,
    displayedToCustomers: f.displayed_to_customers,
    customersCanEdit: f.customers_can_edit,
    choices,
  };
}

const NEW_FIELD: FieldDraft = {
  label: '',
  labelForCustomers: '',
  description: '',
  type: 'custom_text',
  requiredForAgents: false,
  requiredForClosure: false,
  requiredForCustomers: false,
  displayedToCustomers: true,
  customersCanEdit: true,
  choices: [''],
};

/** Creates a custom field (`id` undefined) or edits any field's properties; deletes custom ones. */
export function TicketFieldForm({ id }: { id?: number }) {
  const t = useCatalogue(adminText);
  const refresh = useRefreshFields();
  const typeId = useId();
  const {
    record: field,
    draft,
    set,
    errors,
    save,
    destroy,
    submit,
  } = useRecordEditor<AdminTicketField, FieldDraft>({
    id,
    kind: 'ticket_field',
    path: `/admin/ticket_fields/${id}`,
    screen: '/a/admin/ticket-fields',
    empty: NEW_FIELD,
    draftOf,
    send: async (d) => {
      const body = {
        label: d.label,
        ...(d.labelForCustomers.trim() ? { label_for_customers: d.labelForCustomers } : {}),
        description: d.description.trim() || null,
        required_for_agents: d.requiredForAgents,
        required_for_closure: d.requiredForClosure,
        required_for_customers: d.requiredForCustomers,
        displayed_to_customers: d.displayedToCustomers,
        customers_can_edit: d.customersCanEdit,
        ...(hasChoiceList(d.type)
          ? { choices: d.choices.map((value, i) => ({ value, position: i + 1 })) }
          : {}),
      };
      return id === undefined
        ? (await api.post<AdminTicketField>('/admin/ticket_fields', { ...body, type: d.type })).data
        : (await api.put<AdminTicketField>(`/admin/ticket_fields/${id}`, body)).data;
    },
    refresh,
  });
  const choiceList = useRef<HTMLOListElement>(null);
  // The choice input to focus once rendered (added, moved or next to a removed one). A layout
  // effect, so keys typed right after the click already land in it.
  const [focusChoice, setFocusChoice] = useState<number | null>(null);
  useLayoutEffect(() => {
    if (focusChoice === null) return;
    choiceList.current?.querySelectorAll<HTMLInputElement>('input')[focusChoice]?.focus();
    setFocusChoice(null);
  }, [focusChoice]);

  if (id !== undefined && !field.data) return <Loading error={field.error} />;
  if (!draft) return <Loading />;
  const { text, check } = binder(draft, set, errors);
  const setChoices = (choices: string[], focusIndex?: number) => {
    set({ choices });
    if (focusIndex !== undefined) setFocusChoice(focusIndex);
  };
  const isDefault = field.data?.default ?? false;
  const typeLabel = CUSTOM_TYPES.find((c) => c.type === draft.type)?.label;

  return (
    <section aria-labelledby="field-title">
      <EditHead
        backHref="/a/admin/ticket-fields"
        backLabel={t('backToFields')}
        titleId="field-title"
        title={field.data ? t('fieldEdit', { label: field.data.label }) : t('fieldNew')}
      />
      {isDefault && <p className="hint">{t('defaultFieldHint')}</p>}
      <form className="admin-form card" onSubmit={submit} noValidate>
        {id === undefined ? (
          <div className={`control${errors.type ? ' invalid' : ''}`}>
            <label htmlFor={typeId}>{t('fieldType')}</label>
            <select
              id={typeId}
              value={draft.type}
              onChange={(e) => set({ type: e.target.value })}
              aria-invalid={errors.type ? true : undefined}
              aria-describedby={errors.type ? `${typeId}-error` : undefined}
            >
              {CUSTOM_TYPES.map((c) => (
                <option key={c.type} value={c.type}>
                  {t(c.label)}
                </option>
              ))}
            </select>
            {errors.type && (
              <p id={`${typeId}-error`} className="field-error">
                {errors.type}
              </p>
            )}
          </div>
        ) : (
          <p>
            {t('fieldType')}: <strong>{typeLabel ? t(typeLabel) : t('typeDefault')}</strong>
          </p>
        )}
        <TextField label={t('labelForAgents')} required {...text('label', 'label')} />
        <TextField
          label={t('labelForCustomers')}
          {...text('labelForCustomers', 'label_for_customers')}
          hint={t('labelForCustomersHint')}
        />
        <TextField label={t('description')} multiline {...text('description', 'description')} />
        {hasChoiceList(draft.type) && (
          <fieldset className={`choice-editor${errors.choices ? ' invalid' : ''}`}>
            <legend>{t('choices')}</legend>
            <ol ref={choiceList}>
              {draft.choices.map((choice, i) => (
                <li key={i}>
                  <input
                    aria-label={t('choiceN', { n: i + 1 })}
                    value={choice}
                    onChange={(e) => setChoices(draft.choices.map((c, j) => (j === i ? e.target.value : c)))}
                  />
                  <button
                    type="button"
                    aria-label={t('choiceUp', { n: i + 1 })}
                    disabled={i === 0}
                    onClick={() => {
                      const next = [...draft.choices];
                      [next[i - 1], next[i]] = [next[i]!, next[i - 1]!];
                      setChoices(next, i - 1);
                    }}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={t('choiceRemove', { n: i + 1 })}
                    onClick={() =>
                      setChoices(
                        draft.choices.filter((_, j) => j !== i),
                        Math.max(0, i - 1),
                      )
                    }
                  >
                    ×
                  </button>
                </li>
              ))}
            </ol>
            <button type="button" onClick={() => setChoices([...draft.choices, ''], draft.choices.length)}>
              {t('choiceAdd')}
            </button>
            {errors.choices && <p className="field-error">{errors.choices}</p>}
          </fieldset>
        )}
        <fieldset className="choice-set">
          <legend>{t('behaviour')}</legend>
          <CheckField label={t('requiredForAgents')} {...check('requiredForAgents', 'required_for_agents')} />
          <CheckField
            label={t('requiredForClosure')}
            {...check('requiredForClosure', 'required_for_closure')}
          />
          <CheckField
            label={t('displayedToCustomers')}
            {...check('displayedToCustomers', 'displayed_to_customers')}
          />
          <CheckField label={t('customersCanEdit')} {...check('customersCanEdit', 'customers_can_edit')} />
          <CheckField
            label={t('requiredForCustomers')}
            {...check('requiredForCustomers', 'required_for_customers')}
          />
        </fieldset>
        <FormFooter
          save={save}
          shown={[
            'type',
            'label',
            'label_for_customers',
            'description',
            'choices',
            'required_for_agents',
            'required_for_closure',
            'displayed_to_customers',
            'customers_can_edit',
            'required_for_customers',
          ]}
          isNew={id === undefined}
          createLabel={t('fieldCreate')}
        />
      </form>
      {id !== undefined && !isDefault && (
        <ConfirmDelete
          title={t('fieldDelete')}
          question={t('fieldDeleteConfirm')}
          pending={destroy.isPending}
          error={destroy.error}
          onConfirm={() => destroy.mutate()}
        />
      )}
    </section>
  );
}
