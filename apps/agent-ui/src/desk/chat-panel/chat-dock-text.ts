import type { Catalogue } from '../../shared/i18n.js';

/** Strings of Desk's docked chat panel (D8). */
const en = {
  label: 'Chat',
  open: 'Chat',
  unread: '{count} unread',
  signIn: 'sign in',
  minimise: 'Minimise chat',
  frameTitle: 'Chat panel',
  notify: 'Enable notifications',
  notifyBlocked: 'Browser notifications are blocked for this site.',
  assigned: 'Chat from {name}',
  openChat: 'Open',
  dismiss: 'Dismiss',
  notificationTitle: 'Chat from {name}',
} as const;

const ja: Record<keyof typeof en, string> = {
  label: 'チャット',
  open: 'チャット',
  unread: '未読 {count} 件',
  signIn: 'サインイン',
  minimise: 'チャットを最小化',
  frameTitle: 'チャットパネル',
  notify: '通知を有効にする',
  notifyBlocked: 'このサイトのブラウザー通知はブロックされています。',
  assigned: '{name} さんからのチャット',
  openChat: '開く',
  dismiss: '閉じる',
  notificationTitle: '{name} さんからのチャット',
};

export const chatDockText = { en, ja } satisfies Catalogue<keyof typeof en>;
