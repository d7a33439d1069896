import { html } from '../html.js';
import type { Translate } from '../i18n.js';
import type { PageInput } from '../layout.js';

const backHome = (t: Translate) => html`<p><a href="/support/home">${t('backHome')}</a></p>`;

/** 404: unknown, or not visible to this viewer (the two look the same on purpose). */
export const notFoundPage = (t: Translate): PageInput => ({
  title: t('notFoundTitle'),
  body: html`<p>${t('notFoundBody')}</p>
    ${backHome(t)}`,
});

/** 404 on a Desk that has no portal yet. */
export const noPortalPage = (t: Translate): PageInput => ({
  title: t('noPortalTitle'),
  body: html`<p>${t('noPortalBody')}</p>`,
});

/** 403 for a form without its CSRF token (expired page or another site posting). */
export const csrfPage = (t: Translate): PageInput => ({
  title: t('csrfTitle'),
  body: html`<p>${t('csrfBody')}</p>
    ${backHome(t)}`,
});

/** 500 (or a request the pages cannot read), with no detail of what failed. */
export const errorPage = (t: Translate): PageInput => ({
  title: t('errorTitle'),
  body: html`<p>${t('errorBody')}</p>
    ${backHome(t)}`,
});
