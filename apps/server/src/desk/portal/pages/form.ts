import { html, type SafeHtml } from './html.js';
import type { Translate } from './i18n.js';

/** One form control with its label, hint and error, tied together for assistive technology. */
export interface FieldSpec {
  /** The element id (also the error summary's link target). */
  id: string;
  name: string;
  label: string;
  type:
    | 'text'
    | 'email'
    | 'password'
    | 'search'
    | 'number'
    | 'decimal'
    | 'date'
    | 'textarea'
    | 'select'
    | 'checkbox';
  value?: string;
  checked?: boolean;
  required?: boolean;
  error?: string | null;
  hint?: string | null;
  autocomplete?: string;
  choices?: { value: string; label: string }[];
}

/** A labelled control; an error sits right above the control and is announced with it. */
export function field(t: Translate, spec: FieldSpec): SafeHtml {
  const hintId = spec.hint ? `${spec.id}-hint` : null;
  const errorId = spec.error ? `${spec.id}-error` : null;
  // The error first: it is what a screen reader user needs to hear before the hint.
  const describedBy = [errorId, hintId].filter(Boolean).join(' ');
  const common = html` id="${spec.id}"
  name="${spec.name}"${
    describedBy ? html` aria-describedby="${describedBy}"` : ''
  }${spec.error ? html` aria-invalid="true"` : ''}${spec.required ? html` aria-required="true"` : ''}${
    spec.autocomplete ? html` autocomplete="${spec.autocomplete}"` : ''
  }`;
  const requiredMark = spec.required ? html` <span class="muted">(${t('required')})</span>` : '';
  const hint = spec.hint ? html`<p class="hint" id="${hintId}">${spec.hint}</p>` : '';
  const error = spec.error
    ? html`<p class="field-error" id="${errorId}">
        <span class="vh">${t('errorPrefix')}: </span>${spec.error}
      </p>`
    : '';
  const classes = `field${spec.error ? ' invalid' : ''}${spec.type === 'checkbox' ? ' check' : ''}`;

  if (spec.type === 'checkbox') {
    const checked = spec.checked ? html` checked` : '';
    return html`<div class="${classes}">
      ${hint}${error}<input type="checkbox" ${common} value="true" ${checked} /><label for="${spec.id}"
        >${spec.label}${requiredMark}</label
      >
    </div>`;
  }
  let control: SafeHtml;
  if (spec.type === 'textarea') {
    control = html`<textarea${common} rows="8">${spec.value ?? ''}</textarea>`;
  } else if (spec.type === 'select') {
    const options = (spec.choices ?? []).map(
      (c) =>
        html`<option value="${c.value}" ${c.value === spec.value ? html` selected` : ''}>${c.label}</option>`,
    );
    control = html`<select${common}><option value="">${t('selectPlaceholder')}</option>${options}</select>`;
  } else {
    const type = spec.type === 'decimal' ? 'text' : spec.type;
    const extra =
      spec.type === 'decimal' ? html` inputmode="decimal"` : spec.type === 'number' ? html` step="1"` : '';
    control = html`<input type="${type}" ${common}${extra} value="${spec.value ?? ''}" />`;
  }
  return html`<div class="${classes}">
    <label for="${spec.id}">${spec.label}${requiredMark}</label>${hint}${error}${control}
  </div>`;
}

/** The list of a form's errors at its top, each linking to its field. */
export function errorSummary(
  t: Translate,
  errors: { id: string; label: string; message: string }[],
): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">${t('errorSummaryTitle')}</h2>
    <ul>
      ${errors.map((e) => html`<li><a href="#${e.id}">${e.label}: ${e.message}</a></li>`)}
    </ul>
  </div>`;
}

/** The hidden CSRF field every POST form carries. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}
