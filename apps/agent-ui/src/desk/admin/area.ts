import { createElement, lazy, Suspense } from 'react';
import type { DeskArea } from '../pages.js';

// Loaded on first visit, so the admin screens cost the initial bundle nothing.
const AdminScreens = lazy(() => import('./admin-screens.js'));

/** This area's pages and top-bar links (see ../pages.ts): one "Admin" link, screens under /a/admin. */
export const adminArea: DeskArea = {
  pages: [
    {
      path: /^\/a\/admin(\/.*)?$/,
      render: (match, me) =>
        createElement(
          Suspense,
          { fallback: null },
          createElement(AdminScreens, { rest: match[1] ?? '', me }),
        ),
    },
  ],
  nav: [
    {
      href: '/a/admin',
      label: (language) => (language === 'ja' ? '管理' : 'Admin'),
      isActive: (path) => path === '/a/admin' || path.startsWith('/a/admin/'),
      adminOnly: true,
    },
  ],
};
