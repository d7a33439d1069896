import { createElement, lazy, Suspense } from 'react';
import type { DeskArea } from '../pages.js';
import type { KbRoute } from './kb-routes.js';
import { navText } from '../contacts/nav-text.js';

// Loaded on first visit, so the editor stays out of the initial bundle.
const KbRoutes = lazy(() => import('./kb-routes.js'));

const page = (path: RegExp, routeOf: (match: RegExpExecArray) => KbRoute) => ({
  path,
  render: (match: RegExpExecArray) =>
    createElement(Suspense, { fallback: null }, createElement(KbRoutes, { route: routeOf(match) })),
});

/** This area's pages and top-bar links (see ../pages.ts). */
export const knowledgeBaseArea: DeskArea = {
  pages: [
    page(/^\/a\/solutions$/, () => ({ kind: 'home' })),
    page(/^\/a\/solutions\/categories\/(\d+)$/, (m) => ({ kind: 'category', id: Number(m[1]) })),
    page(/^\/a\/solutions\/folders\/(\d+)$/, (m) => ({ kind: 'folder', id: Number(m[1]) })),
    page(/^\/a\/solutions\/folders\/(\d+)\/articles\/new$/, (m) => ({
      kind: 'new-article',
      id: Number(m[1]),
    })),
    page(/^\/a\/solutions\/articles\/(\d+)$/, (m) => ({ kind: 'article', id: Number(m[1]) })),
  ],
  nav: [
    {
      href: '/a/solutions',
      label: (language) => navText[language].kb,
      isActive: (path) => path.startsWith('/a/solutions'),
    },
  ],
};
