import { createElement, lazy, Suspense } from 'react';
import type { DeskArea } from '../pages.js';
import { navText } from './nav-text.js';

// Loaded on first visit, so the screens stay out of the initial bundle.
const ContactsRoutes = lazy(() => import('./contacts-routes.js'));

const render = (kind: 'contacts' | 'companies') => (match: RegExpExecArray) =>
  createElement(Suspense, { fallback: null }, createElement(ContactsRoutes, { kind, id: match[1] }));

/** This area's pages and top-bar links (see ../pages.ts). */
export const contactsArea: DeskArea = {
  pages: [
    { path: /^\/a\/contacts(?:\/(new|\d+))?$/, render: render('contacts') },
    { path: /^\/a\/companies(?:\/(new|\d+))?$/, render: render('companies') },
  ],
  nav: [
    {
      href: '/a/contacts',
      label: (language) => navText[language].contacts,
      isActive: (path) => path.startsWith('/a/contacts'),
    },
    {
      href: '/a/companies',
      label: (language) => navText[language].companies,
      isActive: (path) => path.startsWith('/a/companies'),
    },
  ],
};
