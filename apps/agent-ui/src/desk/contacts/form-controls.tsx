import { useEffect, useRef, type ReactNode } from 'react';
import { ApiError, type FieldError } from '../api.js';

/**
 * Form pieces shared by the contact, company and knowledge-base editors: a labelled control with
 * its hint and Desk's field error right under it (aria-invalid + aria-describedby), and the
 * split of a refused save into per-field errors and the rest.
 */

export interface SaveErrors {
  /** The first message Desk gave for each field. */
  byField: Record<string, string>;
  /** Errors of fields the form does not show (listed in the summary). */
  others: FieldError[];
  /** A failure that is not a validation error (network, 403, 409 without fields…). */
  message?: string;
}

/** Splits a failed save into errors shown beside `shown` fields and everything else. */
export function saveErrorsOf(error: unknown, shown: readonly string[]): SaveErrors | undefined {
  if (!error) return undefined;
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0)
    return { byField: {}, others: [], message: error instanceof Error ? error.message : String(error) };
  const byField: Record<string, string> = {};
  const others: FieldError[] = [];
  for (const fieldError of error.fieldErrors) {
    // Nested paths (custom_fields.x, seo_data.meta_title) are reported against their top field.
    const field = fieldError.field.split('.')[0] ?? fieldError.field;
    if (shown.includes(field)) byField[field] ??= fieldError.message;
    else others.push(fieldError);
  }
  return { byField, others };
}

/** Moves focus to the first invalid control after a refused save, so keyboard users land on it. */
export function useFocusFirstInvalid(errors: SaveErrors | undefined) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!errors) return;
    const target =
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      formRef.current?.querySelector<HTMLElement>('.form-summary');
    target?.focus();
  }, [errors]);
  return formRef;
}

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}

/** A label, the control (rendered by `children`), its hint and its error. */
export function Field({ id, label, error, hint, required, children }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`form-field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {children(describedBy || undefined, Boolean(error))}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  hint?: string;
  required?: boolean;
  type?: 'text' | 'email' | 'tel' | 'date';
  multiline?: boolean;
}

/** A labelled text input (or textarea) with its hint and error. */
export function TextField({ multiline, type = 'text', ...props }: TextFieldProps) {
  return (
    <Field {...props}>
      {(describedBy, invalid) =>
        multiline ? (
          <textarea
            id={props.id}
            value={props.value}
            rows={3}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(e) => props.onChange(e.target.value)}
          />
        ) : (
          <input
            id={props.id}
            type={type}
            value={props.value}
            required={props.required}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(e) => props.onChange(e.target.value)}
          />
        )
      }
    </Field>
  );
}

/** The summary above a refused form: what to do, and errors no field shows. */
export function FormSummary({
  errors,
  fixText,
  otherText,
}: {
  errors: SaveErrors | undefined;
  fixText: string;
  otherText: string;
}) {
  if (!errors) return null;
  return (
    <div className="form-summary" role="alert" tabIndex={-1}>
      {errors.message ? (
        <p>{errors.message}</p>
      ) : (
        <>
          {Object.keys(errors.byField).length > 0 && <p>{fixText}</p>}
          {errors.others.length > 0 && (
            <>
              <p>{otherText}</p>
              <ul>
                {errors.others.map((e) => (
                  <li key={`${e.field}:${e.message}`}>
                    {e.field}: {e.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}

/** "a, b , c" → ["a", "b", "c"] (empty parts dropped). */
export const splitList = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/** Empty text is "not set" (null) for Desk's optional attributes. */
export const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
