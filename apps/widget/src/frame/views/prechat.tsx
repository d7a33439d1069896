import { useRef, useState } from 'preact/hooks';
import type { Controller } from '../controller.js';
import {
  fieldLabel,
  inputOf,
  userValue,
  validateFields,
  type PrechatField,
  type WidgetUser,
} from '../forms.js';
import { pickText, type LocalText, type StringKey } from '../i18n.js';

/**
 * The site's pre-chat form: labelled fields, required ones marked, errors (ours, then the
 * server's) next to each field; what was typed stays on an error.
 */
export function Prechat(props: {
  c: Controller;
  fields: PrechatField[];
  /** The site's text above the form; the widget's own when absent. */
  message?: LocalText | undefined;
  user: WidgetUser | undefined;
  locale: string;
}) {
  const { c, fields, message, user, locale } = props;
  const { t } = c;
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.name, userValue(user, f.name)])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const focusFirstError = (found: Record<string, string>) => {
    const first = fields.find((f) => found[f.name]);
    if (first) form.current?.querySelector<HTMLElement>(`#tc-f-${first.name}`)?.focus();
  };

  const labelOf = (field: PrechatField) =>
    fieldLabel(field, locale) ??
    (field.property ? field.name.replace(/^cf_/, '') : t(field.name as StringKey));

  return (
    <form
      ref={form}
      class="tc-form"
      noValidate
      aria-labelledby="tc-prechat-title"
      onSubmit={async (e) => {
        e.preventDefault();
        const local = Object.fromEntries(
          Object.entries(validateFields(fields, values)).map(([name, key]) => [name, t(key)]),
        );
        if (Object.keys(local).length) {
          setErrors(local);
          return focusFirstError(local);
        }
        setBusy(true);
        const remote = (await c.submitPrechat(values)) ?? {};
        setBusy(false);
        setErrors(remote);
        focusFirstError(remote);
      }}
    >
      <h2 id="tc-prechat-title" class="tc-form-title">
        {t('prechatTitle')}
      </h2>
      <p>{pickText(message, locale) ?? t('prechatIntro')}</p>
      {Object.keys(errors).length ? (
        <p class="tc-error" role="alert">
          {errors[''] ?? t('prechatErrors')}
        </p>
      ) : null}
      {fields.map((field) => {
        const id = `tc-f-${field.name}`;
        const error = errors[field.name];
        const input = inputOf(field);
        const value = values[field.name] ?? '';
        const set = (next: string) => setValues((v) => ({ ...v, [field.name]: next }));
        const common = {
          id,
          name: field.name,
          required: field.required,
          'aria-invalid': error ? ('true' as const) : undefined,
          'aria-describedby': error ? `${id}-error` : undefined,
        };
        const label = (
          <label for={id}>
            {labelOf(field)}
            {field.required ? <span class="tc-required"> {t('requiredMark')}</span> : null}
          </label>
        );
        return (
          <div class={input.kind === 'checkbox' ? 'tc-field tc-check' : 'tc-field'} key={field.name}>
            {input.kind === 'checkbox' ? (
              <input
                {...common}
                type="checkbox"
                checked={value === 'true'}
                onChange={(e) => set(e.currentTarget.checked ? 'true' : 'false')}
              />
            ) : (
              label
            )}
            {input.kind === 'checkbox' ? (
              label
            ) : input.kind === 'select' ? (
              <select {...common} value={value} onChange={(e) => set(e.currentTarget.value)}>
                <option value="" />
                {input.choices.map((choice) => (
                  <option key={choice} value={choice}>
                    {choice}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type={input.type}
                autocomplete={input.autocomplete}
                value={value}
                onInput={(e) => set(e.currentTarget.value)}
              />
            )}
            {error ? (
              <p id={`${id}-error`} class="tc-error">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <button type="submit" class="tc-button" disabled={busy}>
        {t('prechatSubmit')}
      </button>
    </form>
  );
}
