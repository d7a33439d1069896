import { createElement, lazy, Suspense, type ComponentType } from 'react';
import { useI18n, type Language } from '../../shared/i18n.js';
import type { AdminSection } from './sections.js';

/** Menu titles of this group's screens (the screens, with their own strings, load on demand). */
const TITLES = {
  faq: { en: 'FAQ', ja: 'FAQ' },
  csat: { en: 'CSAT report', ja: 'CSAT レポート' },
  tokens: { en: 'API tokens', ja: 'API トークン' },
  webhooks: { en: 'Webhooks', ja: 'Webhook' },
} satisfies Record<string, Record<Language, string>>;

function Loading() {
  const { t } = useI18n();
  return createElement('p', { role: 'status' }, t('list.loading'));
}

type Screen = ComponentType<{ rest: string[] }>;

/** A section whose screen is its own chunk, kept out of the inbox's initial JavaScript. */
function section(id: keyof typeof TITLES, load: () => Promise<{ default: Screen }>): AdminSection {
  const Screen = lazy(load);
  return {
    id,
    title: (language) => TITLES[id][language],
    render: (rest) =>
      createElement(Suspense, { fallback: createElement(Loading) }, createElement(Screen, { rest })),
  };
}

/** Admin screens of this group, in menu order (see sections.ts). */
export const contentSections: AdminSection[] = [
  section('faq', () => import('./faq.js')),
  section('csat', () => import('./csat.js')),
  section('tokens', () => import('./tokens.js')),
  section('webhooks', () => import('./webhooks.js')),
];
