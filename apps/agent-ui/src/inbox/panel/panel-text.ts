import type { Catalogue } from '../../shared/i18n.js';

/** Strings of the inbox in panel mode (Desk's docked chat panel, D8). */
const en = {
  title: 'Chat',
  signedInAs: 'Signed in as {name}',
  signInHint: 'Sign in to Tandem Chat once: the panel keeps you signed in while this tab is open.',
  unread: '{count} unread',
  typing: '{name} is typing…',
  lists: 'Your chats and unassigned chats',
  offline: 'Live updates paused: reconnecting…',
} as const;

const ja: Record<keyof typeof en, string> = {
  title: 'チャット',
  signedInAs: '{name} としてサインイン中',
  signInHint: 'Tandem Chat に一度サインインすると、このタブを開いている間はサインインしたままです。',
  unread: '未読 {count} 件',
  typing: '{name} が入力中…',
  lists: '自分の担当と未割り当てのチャット',
  offline: 'リアルタイム更新が停止中です。再接続しています…',
};

export const panelText = { en, ja } satisfies Catalogue<keyof typeof en>;
