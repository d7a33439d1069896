import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { errorText } from '../../shared/api.js';
import { useI18n, type Language } from '../../shared/i18n.js';
import {
  explanationOf,
  mappingErrorsOf,
  type ChatAttribute,
  type MappingInput,
  type MappingWarning,
  type TicketField,
  type TicketFieldMapping,
} from './helpdesk-api.js';
import {
  causeText,
  HelpdeskLoadError,
  ticketFieldsKey,
  useHelpdeskApi,
  type HelpdeskT,
} from './helpdesk-shared.js';
import { ATTRIBUTE_LABELS_JA } from './helpdesk-text.js';

interface Row {
  attribute: string;
  /** As typed (or chosen); turned into the field's kind of value when saved. */
  fixed: string;
  show: boolean;
  /** Saved by an admin, or changed here: sent when saving (untouched defaults stay defaults). */
  keep: boolean;
}

const PROPERTY_PREFIX = 'user_property:';

function attributeLabel(attribute: ChatAttribute, language: Language): string {
  if (language !== 'ja') return attribute.label;
  if (attribute.attribute.startsWith(PROPERTY_PREFIX))
    return `ユーザープロパティ: ${attribute.label.replace(/^User property: /, '')}`;
  return ATTRIBUTE_LABELS_JA[attribute.attribute] ?? attribute.label;
}

/** The choices a fixed value picks from: list fields' strings, or status/priority/group names → ids. */
function choicesOf(field: TicketField): { label: string; value: string }[] | null {
  if (field.type === 'custom_checkbox') return null;
  if (Array.isArray(field.choices))
    return field.choices
      .filter((c): c is string => typeof c === 'string')
      .map((c) => ({ label: c, value: c }));
  if (field.choices && typeof field.choices === 'object') {
    const pairs: { label: string; value: string }[] = [];
    for (const [key, value] of Object.entries(field.choices as Record<string, unknown>)) {
      if (typeof value === 'number') pairs.push({ label: key, value: String(value) });
      else if (Array.isArray(value) && /^\d+$/.test(key))
        pairs.push({ label: String(value[0] ?? key), value: key });
    }
    return pairs.length ? pairs : null;
  }
  return null;
}

/** The typed fixed value in the field's terms (numbers, yes/no, choice ids). */
function fixedValueOf(field: TicketField, typed: string): string | number | boolean | null {
  if (typed === '') return null;
  if (field.type === 'custom_checkbox') return typed === 'true';
  const numeric = ['custom_number', 'custom_decimal'].includes(field.type);
  const namedChoice = !Array.isArray(field.choices) && field.choices && typeof field.choices === 'object';
  if (numeric || namedChoice) {
    const n = Number(typed);
    return typed.trim() !== '' && Number.isFinite(n) ? n : typed;
  }
  return typed;
}

const rowsOf = (data: TicketFieldMapping): Record<string, Row> =>
  Object.fromEntries(
    data.ticket_fields.map((field) => [
      field.name,
      {
        attribute: field.mapping?.attribute ?? '',
        fixed:
          field.mapping?.fixed_value === null || field.mapping?.fixed_value === undefined
            ? ''
            : String(field.mapping.fixed_value),
        show: field.mapping?.show_field ?? false,
        keep: field.mapping ? !field.mapping.default : false,
      },
    ]),
  );

/** The field-mapping table (I2) with its health warnings (B5): one row per helpdesk ticket field. */
export function HelpdeskMapping({ t }: { t: HelpdeskT }) {
  const api = useHelpdeskApi();
  const query = useQuery({ queryKey: ticketFieldsKey, queryFn: api.ticketFields });

  if (query.isPending) return <p role="status">{t('loading')}</p>;
  if (query.isError)
    return <HelpdeskLoadError error={query.error} onRetry={() => void query.refetch()} t={t} />;
  return <MappingTable data={query.data} t={t} />;
}

function MappingTable({ data, t }: { data: TicketFieldMapping; t: HelpdeskT }) {
  const { t: tShared, language } = useI18n();
  const api = useHelpdeskApi();
  const queryClient = useQueryClient();
  const id = useId();
  const [rows, setRows] = useState(() => rowsOf(data));
  const [rowErrors, setRowErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);

  const save = useMutation({
    mutationFn: (mappings: MappingInput[]) => api.saveMappings(mappings),
    onMutate: () => {
      setStatus({ text: t('mapping.saving'), error: false });
      setRowErrors({});
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(ticketFieldsKey, saved);
      void queryClient.invalidateQueries({ queryKey: ['helpdesk', 'mapping-health'] });
      setRows(rowsOf(saved));
      setStatus({ text: t('mapping.saved'), error: false });
    },
    onError: (error, sent) => {
      const byRow = mappingErrorsOf(error);
      if (byRow.size === 0) {
        const explanation = explanationOf(error);
        setStatus({ text: explanation ? causeText(explanation, t) : errorText(error, tShared), error: true });
        return;
      }
      const next: Record<string, string[]> = {};
      for (const [index, problems] of byRow) {
        const name = sent[index]?.ticket_field;
        if (name) next[name] = problems.map((p) => p.message);
      }
      setRowErrors(next);
      setStatus({ text: t('mapping.refused'), error: true });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const mappings: MappingInput[] = [];
    for (const field of data.ticket_fields) {
      const row = rows[field.name];
      if (!row?.keep || row.attribute === '') continue;
      mappings.push({
        ticket_field: field.name,
        attribute: row.attribute,
        ...(row.attribute === 'fixed' ? { fixed_value: fixedValueOf(field, row.fixed) } : {}),
        show_field: row.show,
      });
    }
    save.mutate(mappings);
  }

  const update = (name: string, change: Partial<Row>) =>
    setRows((current) => ({ ...current, [name]: { ...current[name]!, ...change, keep: true } }));
  const warningsOf = (name: string) => data.warnings.filter((w) => w.ticket_field === name);

  return (
    <form className="helpdesk-card" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{t('mapping.title')}</h3>
      <p className="hint">{t('mapping.intro')}</p>
      {data.warnings.length > 0 && <Warnings warnings={data.warnings} fields={data.ticket_fields} t={t} />}
      <table className="helpdesk-mapping">
        <thead>
          <tr>
            <th scope="col">{t('mapping.field')}</th>
            <th scope="col">{t('mapping.attribute')}</th>
            <th scope="col">{t('mapping.fixed')}</th>
            <th scope="col">{t('mapping.show')}</th>
          </tr>
        </thead>
        <tbody>
          {data.ticket_fields.map((field) => {
            const row = rows[field.name]!;
            const errors = rowErrors[field.name] ?? [];
            const warnings = warningsOf(field.name);
            const problemId = `${id}-${field.name}-problem`;
            const choices = choicesOf(field);
            const default_ = field.mapping?.default && !row.keep;
            return (
              <tr
                key={field.name}
                id={`${id}-${field.name}`}
                className={errors.length ? 'refused' : undefined}
              >
                <th scope="row">
                  <span className="helpdesk-field-label">{field.label}</span>{' '}
                  <span className="hint">
                    {field.type.replace(/^(custom|default)_/, '')}
                    {field.required_for_agents && (
                      <>
                        {' · '}
                        <strong>{t('mapping.required')}</strong>
                      </>
                    )}
                  </span>
                  {warnings.map((warning) => (
                    <p key={warning.problem} className="helpdesk-row-warning">
                      {t(`problem.${warning.problem}`)}
                    </p>
                  ))}
                </th>
                <td data-label={t('mapping.attribute')}>
                  <select
                    aria-label={t('mapping.attributeFor', { field: field.label })}
                    value={row.attribute}
                    onChange={(event) => update(field.name, { attribute: event.target.value })}
                    aria-invalid={errors.length ? true : undefined}
                    aria-describedby={errors.length ? problemId : undefined}
                  >
                    <option value="">{t('mapping.none')}</option>
                    {data.attributes.map((attribute) => (
                      <option key={attribute.attribute} value={attribute.attribute}>
                        {attributeLabel(attribute, language)}
                      </option>
                    ))}
                  </select>
                  {default_ && <span className="hint"> {t('mapping.default')}</span>}
                  {errors.length > 0 && (
                    <p id={problemId} className="error">
                      {errors.join(' ')}
                    </p>
                  )}
                </td>
                <td data-label={t('mapping.fixed')}>
                  {row.attribute === 'fixed' &&
                    (field.type === 'custom_checkbox' || choices ? (
                      <select
                        aria-label={t('mapping.fixedFor', { field: field.label })}
                        value={row.fixed}
                        onChange={(event) => update(field.name, { fixed: event.target.value })}
                      >
                        <option value="">{t('mapping.choose')}</option>
                        {(
                          choices ?? [
                            { label: t('mapping.yes'), value: 'true' },
                            { label: t('mapping.no'), value: 'false' },
                          ]
                        ).map((choice) => (
                          <option key={choice.value} value={choice.value}>
                            {choice.label}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input
                        aria-label={t('mapping.fixedFor', { field: field.label })}
                        type={field.type === 'custom_date' ? 'date' : 'text'}
                        value={row.fixed}
                        onChange={(event) => update(field.name, { fixed: event.target.value })}
                      />
                    ))}
                </td>
                <td data-label={t('mapping.show')}>
                  <input
                    type="checkbox"
                    aria-label={t('mapping.showFor', { field: field.label })}
                    checked={row.show}
                    disabled={row.attribute === ''}
                    onChange={(event) => update(field.name, { show: event.target.checked })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="helpdesk-buttons">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? t('mapping.saving') : t('mapping.save')}
        </button>
        <p role="status" className={status?.error ? 'error' : 'hint'}>
          {status?.text}
        </p>
      </div>
    </form>
  );
}

function Warnings({
  warnings,
  fields,
  t,
}: {
  warnings: MappingWarning[];
  fields: TicketField[];
  t: HelpdeskT;
}) {
  const id = useId();
  return (
    <section className="helpdesk-warning" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>
        {t('health.title')} ({warnings.length})
      </h4>
      <ul>
        {warnings.map((warning) => (
          <li key={`${warning.ticket_field}-${warning.problem}`}>
            <strong>
              {fields.find((f) => f.name === warning.ticket_field)?.label ?? warning.ticket_field}:{' '}
              {t(`problem.${warning.problem}`)}
            </strong>{' '}
            {warning.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
