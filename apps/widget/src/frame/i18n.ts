/**
 * The widget's strings, English and Japanese. Keys are stable: a site may override any of them
 * per key with `config.content` in init, and browser tests find elements by the English ones.
 */
const en = {
  title: 'Chat with us',
  close: 'Close chat',
  tabs: 'Sections',
  tabChat: 'Chat',
  tabFaq: 'Help articles',
  starting: 'Starting the chat…',
  startFailed: 'The chat could not start. Please try again later.',
  tryAgain: 'Try again',
  connecting: 'Reconnecting…',
  offline: 'You are offline. Your messages will be sent when the connection returns.',
  messages: 'Messages',
  empty: 'Ask us anything. We usually reply within a few minutes.',
  earlier: 'Show earlier messages',
  you: 'You',
  support: 'Support',
  system: 'Notice',
  sending: 'Sending…',
  notSent: 'Not sent: {reason}',
  retry: 'Retry',
  discard: 'Discard',
  seen: 'Seen',
  typing: '{name} is typing…',
  composer: 'Message',
  composerHint: 'Type your message…',
  send: 'Send',
  attach: 'Attach a file',
  uploading: 'Uploading {name}…',
  fileTooLarge: '{name} is larger than {max} and cannot be sent.',
  fileType: '{name} cannot be sent: this type of file is not allowed.',
  uploadFailed: '{name} could not be uploaded: {reason}',
  openFile: 'Download {name} ({size})',
  image: 'Image',
  agentAvatar: 'Photo of {name}',
  noAgents: 'No one is available right now. Leave a message and your email, and we will reply by email.',
  emailLabel: 'Your email',
  emailSave: 'Save email',
  emailSaved: 'Thanks. We will reply to {email}.',
  required: 'This field is required',
  requiredMark: '(required)',
  invalidEmail: 'Enter a valid email address, like name@example.com',
  invalidPhone: 'Enter a valid phone number',
  invalidNumber: 'Enter a number',
  invalidDate: 'Enter a date, like 2026-12-31',
  prechatTitle: 'Before we start',
  prechatIntro: 'Tell us a little about yourself.',
  prechatSubmit: 'Start chat',
  prechatErrors: 'Please correct the fields marked below.',
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  phone: 'Phone',
  resolved: 'This conversation was resolved. Send a message to reopen it.',
  csatTitle: 'How was your conversation?',
  csatRating: 'Rating',
  csatStar: '{n} out of 5',
  csatComment: 'Add a comment (optional)',
  csatSubmit: 'Send rating',
  csatChoose: 'Choose a rating from 1 to 5',
  csatThanks: 'Thanks for your rating!',
  faqSearch: 'Search help articles',
  faqSearchHint: 'Search…',
  faqCategories: 'Categories',
  faqArticles: '{n} articles',
  faqNoResults: 'No articles found.',
  faqEmpty: 'There are no help articles yet.',
  faqBack: 'Back',
  faqHelpful: 'Did this help?',
  yes: 'Yes',
  no: 'No',
  faqThanks: 'Thanks for your feedback.',
  talkToUs: 'Talk to us',
  loading: 'Loading…',
  loadFailed: 'This could not be loaded.',
  genericError: 'Something went wrong. Please try again.',
  offlineError: 'you are offline',
};

export type StringKey = keyof typeof en;
type Table = Record<StringKey, string>;

const ja: Table = {
  title: 'お問い合わせ',
  close: 'チャットを閉じる',
  tabs: 'セクション',
  tabChat: 'チャット',
  tabFaq: 'ヘルプ記事',
  starting: 'チャットを開始しています…',
  startFailed: 'チャットを開始できませんでした。しばらくしてからお試しください。',
  tryAgain: '再試行',
  connecting: '再接続しています…',
  offline: 'オフラインです。接続が戻るとメッセージが送信されます。',
  messages: 'メッセージ',
  empty: 'お気軽にご質問ください。通常数分以内に返信します。',
  earlier: '以前のメッセージを表示',
  you: 'あなた',
  support: 'サポート',
  system: 'お知らせ',
  sending: '送信中…',
  notSent: '送信できませんでした: {reason}',
  retry: '再送信',
  discard: '削除',
  seen: '既読',
  typing: '{name}が入力中…',
  composer: 'メッセージ',
  composerHint: 'メッセージを入力…',
  send: '送信',
  attach: 'ファイルを添付',
  uploading: '{name}をアップロード中…',
  fileTooLarge: '{name}は{max}を超えているため送信できません。',
  fileType: '{name}は送信できません: この種類のファイルは許可されていません。',
  uploadFailed: '{name}をアップロードできませんでした: {reason}',
  openFile: '{name}をダウンロード ({size})',
  image: '画像',
  agentAvatar: '{name}の写真',
  noAgents:
    'ただいま対応できる担当者がいません。メッセージとメールアドレスを残していただければ、メールで返信します。',
  emailLabel: 'メールアドレス',
  emailSave: 'メールアドレスを保存',
  emailSaved: 'ありがとうございます。{email} に返信します。',
  required: '必須項目です',
  requiredMark: '(必須)',
  invalidEmail: '有効なメールアドレスを入力してください (例: name@example.com)',
  invalidPhone: '有効な電話番号を入力してください',
  invalidNumber: '数値を入力してください',
  invalidDate: '日付を入力してください (例: 2026-12-31)',
  prechatTitle: 'はじめに',
  prechatIntro: 'あなたについて少し教えてください。',
  prechatSubmit: 'チャットを開始',
  prechatErrors: '以下の項目を修正してください。',
  first_name: '名',
  last_name: '姓',
  email: 'メールアドレス',
  phone: '電話番号',
  resolved: 'この会話は解決済みです。メッセージを送ると再開します。',
  csatTitle: '今回の対応はいかがでしたか?',
  csatRating: '評価',
  csatStar: '5段階中{n}',
  csatComment: 'コメント (任意)',
  csatSubmit: '評価を送信',
  csatChoose: '1から5で評価を選んでください',
  csatThanks: '評価ありがとうございました!',
  faqSearch: 'ヘルプ記事を検索',
  faqSearchHint: '検索…',
  faqCategories: 'カテゴリ',
  faqArticles: '{n}件の記事',
  faqNoResults: '記事が見つかりませんでした。',
  faqEmpty: 'ヘルプ記事はまだありません。',
  faqBack: '戻る',
  faqHelpful: 'この記事は役に立ちましたか?',
  yes: 'はい',
  no: 'いいえ',
  faqThanks: 'フィードバックありがとうございました。',
  talkToUs: 'お問い合わせ',
  loading: '読み込み中…',
  loadFailed: '読み込めませんでした。',
  genericError: '問題が発生しました。もう一度お試しください。',
  offlineError: 'オフラインです',
};

const TABLES: Record<string, Table> = { en, ja };
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv', 'ckb']);

export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

/** The base language of a tag ('ja-JP' → 'ja'), lower-case; '' for none. */
const languageOf = (tag: string | undefined) => (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';

/**
 * The locale to show: the page's `locale` option if we have its strings, else the browser's,
 * else English.
 */
export function pickLocale(requested: string | undefined, browser: readonly string[]): 'en' | 'ja' {
  for (const tag of [requested, ...browser]) {
    const language = languageOf(tag);
    if (language === 'en' || language === 'ja') return language;
  }
  return 'en';
}

/** Text direction: the page's `config.headerProperty.direction` wins, else the requested language's. */
export function directionOf(requested: string | undefined, configured: string | undefined): 'ltr' | 'rtl' {
  if (configured === 'rtl' || configured === 'ltr') return configured;
  return RTL.has(languageOf(requested)) ? 'rtl' : 'ltr';
}

/** A translator for the locale; `overrides` (the page's `config.content`) replace strings by key. */
export function createTranslate(locale: string, overrides: Record<string, unknown> = {}): Translate {
  const table = TABLES[locale] ?? en;
  return (key, vars) => {
    const override = overrides[key];
    const text = typeof override === 'string' && override.trim() ? override : table[key];
    return vars ? text.replace(/\{(\w+)\}/g, (all, name: string) => String(vars[name] ?? all)) : text;
  };
}

/** A text a site gave, one for all languages or per language (`{en, ja}`). */
export type LocalText = string | { en?: string; ja?: string };

const trimmed = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** A site's text as it came (a string, or `{en, ja}` with one text at least), else undefined. */
export function localTextOf(value: unknown): LocalText | undefined {
  if (typeof value === 'string') return trimmed(value);
  if (!value || typeof value !== 'object') return undefined;
  const en = trimmed((value as { en?: unknown }).en);
  const ja = trimmed((value as { ja?: unknown }).ja);
  return en || ja ? { ...(en ? { en } : {}), ...(ja ? { ja } : {}) } : undefined;
}

/** A site's text in `locale`: its own string, else the locale's, else English; undefined if none. */
export function pickText(text: LocalText | null | undefined, locale: string): string | undefined {
  if (typeof text === 'string' || !text) return trimmed(text);
  return trimmed((text as Record<string, unknown>)[locale]) ?? trimmed(text.en);
}

/** Bytes as people read them: 512 B, 3.4 KB, 10 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${Math.round(kb * 10) / 10} KB`;
  return `${Math.round((kb / 1024) * 10) / 10} MB`;
}
