import { createElement, lazy, Suspense } from 'react';
import { useI18n } from '../../shared/i18n.js';
import type { AdminSection } from './sections.js';

// Loaded when an admin opens it, so the inbox's initial bundle stays small.
const HelpdeskScreen = lazy(() =>
  import('./helpdesk-screen.js').then((module) => ({ default: module.HelpdeskScreen })),
);

function Loading() {
  const { t } = useI18n();
  return createElement('p', { role: 'status' }, t('list.loading'));
}

/** Admin screens of this group, in menu order (see sections.ts). */
export const integrationSections: AdminSection[] = [
  {
    id: 'helpdesk',
    // Kept here (not in helpdesk-text.ts) so the menu does not pull the screen's chunk in.
    title: (language) => (language === 'ja' ? '連携: ヘルプデスク' : 'Integrations: Helpdesk'),
    render: (rest) =>
      createElement(Suspense, { fallback: createElement(Loading) }, createElement(HelpdeskScreen, { rest })),
  },
];
