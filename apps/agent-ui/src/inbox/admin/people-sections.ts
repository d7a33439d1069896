import { Component, createElement, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useI18n, type Language } from '../../shared/i18n.js';
import type { AdminSection } from './sections.js';

/** Menu titles of this group's screens (the screens, with their own strings, load on demand). */
const TITLES = {
  agents: { en: 'Agents', ja: 'エージェント' },
  groups: { en: 'Groups', ja: 'グループ' },
  sites: { en: 'Sites', ja: 'サイト' },
  properties: { en: 'User properties', ja: 'ユーザープロパティ' },
  prechat: { en: 'Pre-chat form', ja: 'チャット前フォーム' },
  account: { en: 'Account settings', ja: 'アカウント設定' },
} satisfies Record<string, Record<Language, string>>;

function Loading() {
  const { t } = useI18n();
  return createElement('p', { role: 'status' }, t('list.loading'));
}

const LOAD_FAILED: Record<Language, string> = {
  en: 'This screen could not be loaded (Chat may have been updated). Reload the page to try again.',
  ja: 'この画面を読み込めませんでした（Chat が更新された可能性があります）。ページを再読み込みしてください。',
};

function LoadFailed() {
  const { language } = useI18n();
  return createElement('p', { role: 'alert', className: 'error' }, LOAD_FAILED[language]);
}

/** A screen's chunk that fails to load (e.g. replaced by a new version) says so, not a blank page. */
class LoadBoundary extends Component<{ children?: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? createElement(LoadFailed) : this.props.children;
  }
}

type Screen = ComponentType<{ rest: string[] }>;

/** A section whose screen is its own chunk, kept out of the inbox's initial JavaScript. */
function section(id: keyof typeof TITLES, load: () => Promise<{ default: Screen }>): AdminSection {
  const Screen = lazy(load);
  return {
    id,
    title: (language) => TITLES[id][language],
    render: (rest) =>
      createElement(
        LoadBoundary,
        { key: id },
        createElement(Suspense, { fallback: createElement(Loading) }, createElement(Screen, { rest })),
      ),
  };
}

/** Admin screens of this group, in menu order (see sections.ts). */
export const peopleSections: AdminSection[] = [
  section('agents', () => import('./agents.js')),
  section('groups', () => import('./groups.js')),
  section('sites', () => import('./sites.js')),
  section('properties', () => import('./properties.js')),
  section('prechat', () => import('./prechat.js')),
  section('account', () => import('./account.js')),
];
