import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';

/** The two languages of the agent apps. */
export type Language = 'en' | 'ja';
export const LANGUAGES: Language[] = ['en', 'ja'];

/** English: the catalogue's keys. Every key needs a Japanese text too (checked by the type below). */
const en = {
  'language.label': 'Language',
  'language.en': 'English',
  'language.ja': '日本語',
  'error.network': 'The server cannot be reached. Check your connection and try again.',
  'error.status': 'The request failed ({status}).',
  'error.sessionEnded': 'Your session has ended. Please sign in again.',
  'signIn.title': 'Sign in to Tandem Chat',
  'signIn.email': 'Email',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.busy': 'Signing in…',
  signOut: 'Sign out',
  'inbox.title': 'Tandem Chat inbox',
  'inbox.signedInAs': 'Signed in as {name}',
  'views.label': 'Conversation views',
  'view.mine': 'Mine',
  'view.unassigned': 'Unassigned',
  'view.all': 'All',
  'view.resolved': 'Resolved',
  'list.label': 'Conversations: {view}',
  'list.empty': 'No conversations here.',
  'list.loading': 'Loading…',
  'list.more': 'Load more',
  'list.assignedTo': 'Assigned to {name}',
  'list.unassigned': 'Unassigned',
  'status.new': 'New',
  'status.assigned': 'Assigned',
  'status.resolved': 'Resolved',
  'status.reopened': 'Reopened',
  'live.offline': 'Live updates paused: reconnecting…',
  visitor: 'Visitor',
  someone: 'Someone',
  'conversation.none': 'Choose a conversation from the list.',
  'conversation.back': 'Back to conversations',
  'conversation.messages': 'Messages with {name}',
  'conversation.noMessages': 'No messages yet.',
  'conversation.assignee': 'Assigned agent',
  'conversation.nobody': 'Nobody',
  'conversation.resolve': 'Resolve',
  'conversation.reopen': 'Reopen',
  'conversation.actions': 'Conversation actions',
  'message.note': 'Private note',
  'message.system': 'System',
  'message.you': 'You',
  'message.file': 'File: {name}',
  'message.image': 'Image',
  'composer.label': 'Reply to the conversation',
  'composer.mode': 'Message type',
  'composer.reply': 'Reply',
  'composer.note': 'Private note',
  'composer.replyPlaceholder': 'Write a reply…',
  'composer.notePlaceholder': 'Write a note only agents see…',
  'composer.send': 'Send',
  'composer.addNote': 'Add note',
  'composer.sending': 'Sending…',
  'composer.hint': 'Enter sends, Shift+Enter starts a new line.',
  'details.title': 'User details',
  'details.name': 'Name',
  'details.email': 'Email',
  'details.phone': 'Phone',
  'details.reference': 'Reference id',
  'details.properties': 'Properties',
  'details.noProperties': 'No properties.',
  'details.yes': 'Yes',
  'details.no': 'No',
  'invite.title': 'Set your password',
  'invite.intro': 'You were invited to Tandem Chat. Choose a password to finish.',
  'invite.password': 'New password (at least 10 characters)',
  'invite.confirm': 'Repeat the password',
  'invite.mismatch': 'The two passwords differ.',
  'invite.submit': 'Set password',
  'invite.done': 'Your password is set. You can sign in now.',
  'invite.signIn': 'Go to sign in',
  'admin.link': 'Admin',
  'admin.title': 'Tandem Chat admin',
  'admin.backToInbox': 'Back to the inbox',
  'admin.sections': 'Admin sections',
  'admin.adminsOnly': 'Only owners and admins can open the admin area.',
  'admin.empty': 'Nothing to manage yet.',
} as const;

export type MessageKey = keyof typeof en;
export const MESSAGE_KEYS = Object.keys(en) as MessageKey[];

const ja: Record<MessageKey, string> = {
  'language.label': '言語',
  'language.en': 'English',
  'language.ja': '日本語',
  'error.network': 'サーバーに接続できません。接続を確認して、もう一度お試しください。',
  'error.status': 'リクエストに失敗しました（{status}）。',
  'error.sessionEnded': 'セッションが終了しました。もう一度サインインしてください。',
  'signIn.title': 'Tandem Chat にサインイン',
  'signIn.email': 'メールアドレス',
  'signIn.password': 'パスワード',
  'signIn.submit': 'サインイン',
  'signIn.busy': 'サインイン中…',
  signOut: 'サインアウト',
  'inbox.title': 'Tandem Chat 受信箱',
  'inbox.signedInAs': '{name} としてサインイン中',
  'views.label': '会話のビュー',
  'view.mine': '自分の担当',
  'view.unassigned': '未割り当て',
  'view.all': 'すべて',
  'view.resolved': '解決済み',
  'list.label': '会話: {view}',
  'list.empty': '会話はありません。',
  'list.loading': '読み込み中…',
  'list.more': 'さらに読み込む',
  'list.assignedTo': '担当: {name}',
  'list.unassigned': '未割り当て',
  'status.new': '新規',
  'status.assigned': '割り当て済み',
  'status.resolved': '解決済み',
  'status.reopened': '再オープン',
  'live.offline': 'リアルタイム更新が停止中です。再接続しています…',
  visitor: '訪問者',
  someone: '不明なユーザー',
  'conversation.none': '一覧から会話を選んでください。',
  'conversation.back': '会話一覧に戻る',
  'conversation.messages': '{name} とのメッセージ',
  'conversation.noMessages': 'まだメッセージはありません。',
  'conversation.assignee': '担当エージェント',
  'conversation.nobody': 'なし',
  'conversation.resolve': '解決する',
  'conversation.reopen': '再オープン',
  'conversation.actions': '会話の操作',
  'message.note': 'プライベートメモ',
  'message.system': 'システム',
  'message.you': 'あなた',
  'message.file': 'ファイル: {name}',
  'message.image': '画像',
  'composer.label': '会話に返信',
  'composer.mode': 'メッセージの種類',
  'composer.reply': '返信',
  'composer.note': 'プライベートメモ',
  'composer.replyPlaceholder': '返信を入力…',
  'composer.notePlaceholder': 'エージェントだけが見るメモを入力…',
  'composer.send': '送信',
  'composer.addNote': 'メモを追加',
  'composer.sending': '送信中…',
  'composer.hint': 'Enter で送信、Shift+Enter で改行します。',
  'details.title': 'ユーザー情報',
  'details.name': '名前',
  'details.email': 'メールアドレス',
  'details.phone': '電話番号',
  'details.reference': '参照 ID',
  'details.properties': 'プロパティ',
  'details.noProperties': 'プロパティはありません。',
  'details.yes': 'はい',
  'details.no': 'いいえ',
  'invite.title': 'パスワードの設定',
  'invite.intro': 'Tandem Chat に招待されました。パスワードを決めて登録を完了してください。',
  'invite.password': '新しいパスワード（10 文字以上）',
  'invite.confirm': 'パスワードをもう一度入力',
  'invite.mismatch': '2 つのパスワードが一致しません。',
  'invite.submit': 'パスワードを設定',
  'invite.done': 'パスワードを設定しました。サインインできます。',
  'invite.signIn': 'サインインへ',
  'admin.link': '管理',
  'admin.title': 'Tandem Chat 管理',
  'admin.backToInbox': '受信箱に戻る',
  'admin.sections': '管理メニュー',
  'admin.adminsOnly': '管理画面を開けるのはオーナーと管理者だけです。',
  'admin.empty': '管理する項目はまだありません。',
};

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, ja };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The text of `key` in `language`, with `{name}` placeholders filled from `params`. */
export function translate(
  language: Language,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  const text = CATALOGUES[language][key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text;
}

/** A feature's own strings in both languages (kept beside the feature, out of other bundles). */
export type Catalogue<K extends string> = { en: Record<K, string>; ja: Record<K, string> };

export type CatalogueTranslate<K extends string> = (
  key: K,
  params?: Record<string, string | number>,
) => string;

/** `{name}` placeholders filled from `params`. */
export function fill(text: string, params?: Record<string, string | number>): string {
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text;
}

/**
 * A feature catalogue's `t` in the shared language choice: `const t = useCatalogue(adminText)`.
 * Declare the catalogue as `{ en, ja } satisfies Catalogue<keyof typeof en>` at module level.
 */
export function useCatalogue<K extends string>(catalogue: Catalogue<K>): CatalogueTranslate<K> {
  const { language } = useI18n();
  return useMemo(
    () => (key: K, params?: Record<string, string | number>) => fill(catalogue[language][key], params),
    [catalogue, language],
  );
}

/** The agent's stored choice, else the browser's language; Japanese or English. */
export function detectLanguage(choice?: string | null, browser?: readonly string[]): Language {
  if (choice === 'en' || choice === 'ja') return choice;
  const first = (browser ?? (typeof navigator === 'undefined' ? [] : navigator.languages))[0] ?? '';
  return /^ja\b/i.test(first) ? 'ja' : 'en';
}

const STORAGE_KEY = 'tandem.agent-ui.language';

function storedChoice(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

interface I18n {
  language: Language;
  t: Translate;
  /** Remembers the agent's choice on this browser. */
  setLanguage(language: Language): void;
}

const I18nContext = createContext<I18n | null>(null);

/** Provides the language (and `t`) to the app; keeps `<html lang>` in step. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => detectLanguage(storedChoice()));
  const setLanguage = useCallback((next: Language) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    setLanguageState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo<I18n>(
    () => ({ language, setLanguage, t: (key, params) => translate(language, key, params) }),
    [language, setLanguage],
  );
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
