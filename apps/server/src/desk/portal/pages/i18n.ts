/**
 * Portal page text in English and Japanese. Every string a page shows comes from here;
 * `{name}` placeholders are filled by `translator`. Japanese must have every English key.
 */
const en = {
  htmlTitleSuffix: 'Help center',
  skipToContent: 'Skip to main content',
  mainNav: 'Main',
  navHome: 'Home',
  navSearch: 'Search',
  navSubmitTicket: 'Submit a ticket',
  navMyTickets: 'My tickets',
  navSignIn: 'Sign in',
  navSignOut: 'Sign out',
  signedInAs: 'Signed in as {name}',
  languageNav: 'Language',
  footer: 'Powered by Tandem Desk',
  breadcrumb: 'Breadcrumb',

  homeTitle: 'How can we help you?',
  homeIntro: 'Search our articles or browse by topic.',
  searchLabel: 'Search articles',
  searchButton: 'Search',
  noCategories: 'There are no articles here yet.',
  articlesCountOne: '1 article',
  articlesCountOther: '{count} articles',

  folderSubfolders: 'Folders',
  folderArticles: 'Articles',
  noArticles: 'This folder has no articles yet.',

  articleUpdated: 'Updated {date}',
  wasHelpful: 'Was this article helpful?',
  voteYes: 'Yes',
  voteNo: 'No',
  voteThanks: 'Thank you for your feedback.',

  searchTitle: 'Search',
  searchResultsFor: 'Results for “{term}”',
  searchNoResults: 'No articles match your search. Try other words.',
  searchPrompt: 'Type a few words to search the articles.',
  pagination: 'Pages',
  previousPage: 'Previous page',
  nextPage: 'Next page',

  loginTitle: 'Sign in',
  loginIntro: 'Sign in to submit tickets and follow their progress.',
  email: 'Email',
  password: 'Password',
  signInButton: 'Sign in',
  loginFailed: 'The email or password is incorrect.',
  loginThrottledSeconds: 'Too many sign-in attempts. Try again in {count} seconds.',
  loginThrottledMinutes: 'Too many sign-in attempts. Try again in {count} minutes.',
  loginNoPassword: 'No password yet, or forgot it?',
  loginGetLink: 'Get a link to set your password',
  signedOut: 'You have been signed out.',

  passwordNewTitle: 'Set your password',
  passwordNewIntro:
    'Enter the email address you use with us. If we know it, we will send you a link to set a password.',
  sendLink: 'Send link',
  linkSent: 'If we know that address, a link to set your password is on its way. Check your inbox.',
  passwordSetTitle: 'Choose a password',
  newPassword: 'New password',
  confirmPassword: 'Confirm the password',
  passwordHint: 'At least {count} characters.',
  savePassword: 'Save password',
  passwordMismatch: 'The two passwords do not match.',
  passwordTooShort: 'Use at least {count} characters.',
  tokenInvalid: 'This link is invalid, already used or expired. Ask for a new one.',
  passwordSaved: 'Your password is set. Sign in with it now.',

  myTicketsTitle: 'My tickets',
  noTickets: 'You have no tickets yet.',
  ticketSubject: 'Subject',
  ticketStatus: 'Status',
  ticketCreated: 'Created',
  ticketUpdated: 'Last updated',
  ticketNumber: 'Ticket #{id}',
  newTicketTitle: 'Submit a ticket',
  newTicketIntro: 'Tell us what you need. Fields marked required must be filled in.',
  required: 'required',
  selectPlaceholder: 'Select…',
  submitTicket: 'Submit ticket',
  ticketSubmitted: 'Your ticket has been submitted. We will reply soon.',
  conversation: 'Conversation',
  fromSupport: 'Support',
  replyTitle: 'Reply',
  replyLabel: 'Your reply',
  sendReply: 'Send reply',
  replyAdded: 'Your reply has been added.',
  postedAt: '{name}, {date}',

  statusOpen: 'Being processed',
  statusPending: 'Awaiting your reply',
  statusResolved: 'Resolved',
  statusClosed: 'Closed',
  statusOther: 'In progress',

  errorSummaryTitle: 'There is a problem',
  errorPrefix: 'Error',
  fieldRequired: 'This field is required.',
  fieldInvalid: 'This value is not valid.',
  fieldNumber: 'Enter a whole number.',
  fieldDecimal: 'Enter a number.',
  fieldDate: 'Enter a date as YYYY-MM-DD.',
  fieldChoice: 'Choose one of the listed options.',
  fieldTooLong: 'This value is too long.',

  notFoundTitle: 'Page not found',
  notFoundBody: 'The page you are looking for does not exist, or you cannot see it.',
  noPortalTitle: 'No portal configured',
  noPortalBody:
    'This help desk has no customer portal yet. An administrator can create one with the admin API (POST /api/v2/portals).',
  csrfTitle: 'Request refused',
  csrfBody: 'This form has expired or was sent from another site. Go back, reload the page and try again.',
  errorTitle: 'Something went wrong',
  errorBody: 'We are sorry, something went wrong. Please try again in a moment.',
  backHome: 'Go to the help center home',
};

export type MessageKey = keyof typeof en;

const ja: Record<MessageKey, string> = {
  htmlTitleSuffix: 'ヘルプセンター',
  skipToContent: 'メインコンテンツへスキップ',
  mainNav: 'メイン',
  navHome: 'ホーム',
  navSearch: '検索',
  navSubmitTicket: 'お問い合わせ',
  navMyTickets: 'マイチケット',
  navSignIn: 'ログイン',
  navSignOut: 'ログアウト',
  signedInAs: '{name} としてログイン中',
  languageNav: '言語',
  footer: 'Powered by Tandem Desk',
  breadcrumb: 'パンくずリスト',

  homeTitle: 'どのようなご用件ですか？',
  homeIntro: '記事を検索するか、トピックから探してください。',
  searchLabel: '記事を検索',
  searchButton: '検索',
  noCategories: 'まだ記事がありません。',
  articlesCountOne: '記事 1 件',
  articlesCountOther: '記事 {count} 件',

  folderSubfolders: 'フォルダー',
  folderArticles: '記事',
  noArticles: 'このフォルダーにはまだ記事がありません。',

  articleUpdated: '更新日 {date}',
  wasHelpful: 'この記事は役に立ちましたか？',
  voteYes: 'はい',
  voteNo: 'いいえ',
  voteThanks: 'ご意見ありがとうございました。',

  searchTitle: '検索',
  searchResultsFor: '「{term}」の検索結果',
  searchNoResults: '一致する記事がありません。別の言葉でお試しください。',
  searchPrompt: 'キーワードを入力して記事を検索してください。',
  pagination: 'ページ',
  previousPage: '前のページ',
  nextPage: '次のページ',

  loginTitle: 'ログイン',
  loginIntro: 'ログインするとチケットの送信と進捗の確認ができます。',
  email: 'メールアドレス',
  password: 'パスワード',
  signInButton: 'ログイン',
  loginFailed: 'メールアドレスまたはパスワードが正しくありません。',
  loginThrottledSeconds: 'ログインの試行回数が多すぎます。{count} 秒後にもう一度お試しください。',
  loginThrottledMinutes: 'ログインの試行回数が多すぎます。{count} 分後にもう一度お試しください。',
  loginNoPassword: 'パスワードが未設定、またはお忘れですか？',
  loginGetLink: 'パスワード設定用のリンクを受け取る',
  signedOut: 'ログアウトしました。',

  passwordNewTitle: 'パスワードの設定',
  passwordNewIntro:
    'ご利用のメールアドレスを入力してください。登録済みのアドレスであれば、パスワード設定用のリンクをお送りします。',
  sendLink: 'リンクを送信',
  linkSent:
    '登録済みのアドレスであれば、パスワード設定用のリンクを送信しました。受信トレイをご確認ください。',
  passwordSetTitle: 'パスワードを決める',
  newPassword: '新しいパスワード',
  confirmPassword: 'パスワード（確認）',
  passwordHint: '{count} 文字以上。',
  savePassword: 'パスワードを保存',
  passwordMismatch: '2 つのパスワードが一致しません。',
  passwordTooShort: '{count} 文字以上にしてください。',
  tokenInvalid: 'このリンクは無効、使用済み、または期限切れです。新しいリンクをお求めください。',
  passwordSaved: 'パスワードを設定しました。新しいパスワードでログインしてください。',

  myTicketsTitle: 'マイチケット',
  noTickets: 'チケットはまだありません。',
  ticketSubject: '件名',
  ticketStatus: 'ステータス',
  ticketCreated: '作成日',
  ticketUpdated: '最終更新',
  ticketNumber: 'チケット #{id}',
  newTicketTitle: 'お問い合わせ',
  newTicketIntro: 'ご用件をお知らせください。必須の項目は入力が必要です。',
  required: '必須',
  selectPlaceholder: '選択してください…',
  submitTicket: '送信',
  ticketSubmitted: 'チケットを送信しました。折り返しご連絡いたします。',
  conversation: 'やり取り',
  fromSupport: 'サポート',
  replyTitle: '返信',
  replyLabel: '返信内容',
  sendReply: '返信を送信',
  replyAdded: '返信を追加しました。',
  postedAt: '{name}、{date}',

  statusOpen: '対応中',
  statusPending: 'お客様の返信待ち',
  statusResolved: '解決済み',
  statusClosed: '完了',
  statusOther: '対応中',

  errorSummaryTitle: '入力内容に問題があります',
  errorPrefix: 'エラー',
  fieldRequired: 'この項目は必須です。',
  fieldInvalid: 'この値は正しくありません。',
  fieldNumber: '整数を入力してください。',
  fieldDecimal: '数値を入力してください。',
  fieldDate: '日付を YYYY-MM-DD の形式で入力してください。',
  fieldChoice: '一覧から選択してください。',
  fieldTooLong: '入力が長すぎます。',

  notFoundTitle: 'ページが見つかりません',
  notFoundBody: 'お探しのページは存在しないか、閲覧する権限がありません。',
  noPortalTitle: 'ポータルが設定されていません',
  noPortalBody:
    'このヘルプデスクにはまだカスタマーポータルがありません。管理者は管理 API（POST /api/v2/portals）で作成できます。',
  csrfTitle: 'リクエストを受け付けられません',
  csrfBody:
    'フォームの有効期限が切れたか、別のサイトから送信されました。前のページに戻り、再読み込みしてからもう一度お試しください。',
  errorTitle: 'エラーが発生しました',
  errorBody: '申し訳ありません。問題が発生しました。しばらくしてからもう一度お試しください。',
  backHome: 'ヘルプセンターのホームへ',
};

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language names shown in the switcher, each in its own language. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ja: '日本語' };

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, ja };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A function giving the text of a key in `lang`, with `{name}` placeholders filled in. */
export function translator(lang: Language): Translate {
  const messages = CATALOGUES[lang];
  return (key, params) => {
    const text = messages[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : whole,
    );
  };
}

/** True when `value` names a supported language. */
export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'ja';
}

/**
 * The page language: the `lang` cookie when it names a supported language, else the supported
 * language the `Accept-Language` header prefers most (q-values honoured), else English.
 */
export function pickLanguage(cookie: string | undefined, acceptLanguage: string | undefined): Language {
  if (isLanguage(cookie)) return cookie;
  if (!acceptLanguage) return 'en';
  let best: { lang: Language; q: number } | undefined;
  for (const part of acceptLanguage.split(',').slice(0, 32)) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const base = tag.split('-')[0];
    if (!isLanguage(base)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: base, q };
  }
  return best?.lang ?? 'en';
}

/** Dates as a person reads them in `lang` (UTC: pages do not know the reader's zone). */
export function formatDate(date: Date, lang: Language): string {
  return DATE_FORMATS[lang].format(date);
}

// Built once: constructing Intl formatters costs far more than using them.
const DATE_FORMATS: Record<Language, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
  ja: new Intl.DateTimeFormat('ja-JP', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
};
