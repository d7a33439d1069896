import { csrfField, errorSummary, field } from '../form.js';
import { html } from '../html.js';
import type { Translate } from '../i18n.js';
import type { PageInput } from '../layout.js';

/** The sign-in form; `error` is the generic failure or the throttle message (never which part was wrong). */
export function loginPage(
  t: Translate,
  input: { csrfToken: string; email: string; next: string; error: string | null },
): PageInput {
  return {
    title: t('loginTitle'),
    nav: 'login',
    body: html`${input.error ? html`<div class="alert" role="alert" id="login-error">${input.error}</div>` : ''}
      <p>${t('loginIntro')}</p>
      <form method="post" action="/support/login" novalidate>
        ${csrfField(input.csrfToken)}
        <input type="hidden" name="next" value="${input.next}" />
        ${field(t, { id: 'login-email', name: 'email', label: t('email'), type: 'email', value: input.email, autocomplete: 'email', required: true })}
        ${field(t, { id: 'login-password', name: 'password', label: t('password'), type: 'password', autocomplete: 'current-password', required: true })}
        <button class="button" type="submit">${t('signInButton')}</button>
      </form>
      <h2>${t('loginNoPassword')}</h2>
      <p><a href="/support/password/new">${t('loginGetLink')}</a></p>`,
  };
}

/** "Send me a link to set my password", or its confirmation once sent. */
export function passwordNewPage(
  t: Translate,
  input: { csrfToken: string; email: string; sent: boolean; error: string | null },
): PageInput {
  if (input.sent)
    return { title: t('passwordNewTitle'), body: html`<p class="notice" role="status">${t('linkSent')}</p>` };
  const errors = input.error ? [{ id: 'reset-email', label: t('email'), message: input.error }] : [];
  return {
    title: t('passwordNewTitle'),
    body: html`${errorSummary(t, errors)}
      <p>${t('passwordNewIntro')}</p>
      <form method="post" action="/support/password/new" novalidate>
        ${csrfField(input.csrfToken)}
        ${field(t, { id: 'reset-email', name: 'email', label: t('email'), type: 'email', value: input.email, autocomplete: 'email', required: true, error: input.error })}
        <button class="button" type="submit">${t('sendLink')}</button>
      </form>`,
  };
}

/** Choosing a password from a mailed link; `tokenError` replaces the form with a way to get a new link. */
export function passwordSetPage(
  t: Translate,
  input: {
    csrfToken: string;
    token: string;
    minLength: number;
    errors: { password?: string; password_confirmation?: string };
    tokenError: boolean;
  },
): PageInput {
  if (input.tokenError)
    return {
      title: t('passwordSetTitle'),
      body: html`<div class="alert" role="alert">${t('tokenInvalid')}</div>
        <p><a href="/support/password/new">${t('loginGetLink')}</a></p>`,
    };
  const errors = [
    ...(input.errors.password
      ? [{ id: 'new-password', label: t('newPassword'), message: input.errors.password }]
      : []),
    ...(input.errors.password_confirmation
      ? [{ id: 'confirm-password', label: t('confirmPassword'), message: input.errors.password_confirmation }]
      : []),
  ];
  return {
    title: t('passwordSetTitle'),
    body: html`${errorSummary(t, errors)}
      <form method="post" action="/support/password/set" novalidate>
        ${csrfField(input.csrfToken)}
        <input type="hidden" name="token" value="${input.token}" />
        ${field(t, {
          id: 'new-password',
          name: 'password',
          label: t('newPassword'),
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          hint: t('passwordHint', { count: input.minLength }),
          error: input.errors.password,
        })}
        ${field(t, {
          id: 'confirm-password',
          name: 'password_confirmation',
          label: t('confirmPassword'),
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          error: input.errors.password_confirmation,
        })}
        <button class="button" type="submit">${t('savePassword')}</button>
      </form>`,
  };
}
