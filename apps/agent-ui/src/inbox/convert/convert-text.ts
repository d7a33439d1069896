import type { Catalogue } from '../../shared/i18n.js';

/** The convert dialog's and the Resolve choice's strings (I6, I7). */
const en = {
  'resolve.convert': 'Convert to ticket…',
  'resolve.mandatory':
    'Converting to a ticket is mandatory before resolving: use “Convert to ticket…” and “Create and resolve”.',
  'resolve.converted': 'Converted to ticket #{id}',
  'resolve.queued': 'Conversion to a ticket queued: it runs at {time}.',
  'resolve.failed': 'The last conversion to a ticket failed: {message}',
  'dialog.title': 'Convert to ticket',
  'dialog.close': 'Close',
  'dialog.loading': 'Loading the ticket fields…',
  'dialog.target': 'Ticket',
  'dialog.new': 'Create a new ticket',
  'dialog.existing': 'Add to one of the user’s tickets',
  'dialog.tickets': 'The user’s recent tickets',
  'dialog.noTickets': 'This user has no tickets in the helpdesk yet.',
  'dialog.ticket': '#{id} {subject}',
  'dialog.noSubject': '(no subject)',
  'dialog.fields': 'Ticket fields',
  'dialog.noFields': 'The mapping shows no fields to edit: the ticket is filled from the conversation.',
  'dialog.required': 'required',
  'dialog.requiredMissing': 'Fill this field: the helpdesk requires it.',
  'dialog.unmapped': 'Nothing fills this field automatically: fill it here.',
  'dialog.choose': 'Choose…',
  'dialog.yes': 'Yes',
  'dialog.warnings': 'Mapping warnings',
  'dialog.create': 'Create',
  'dialog.createResolve': 'Create and resolve',
  'dialog.add': 'Add to ticket',
  'dialog.addResolve': 'Add and resolve',
  'dialog.busy': 'Converting…',
  'dialog.pickTicket': 'Choose the ticket to add the conversation to.',
  'dialog.refused': 'The ticket was not created.',
  'dialog.answer': 'The helpdesk’s response',
  'dialog.answerStatus': 'Status',
  'dialog.answerRequest': 'Request id',
  'dialog.answerBody': 'Body',
  'dialog.serverSays': 'Details: {message}',
  'dialog.queued':
    'The helpdesk’s rate limit was reached. The conversion is queued and runs at {time}; you can close this dialog.',
  'dialog.created': 'Ticket #{id} created.',
  'dialog.noted': 'The conversation was added to ticket #{id}.',
  'dialog.resolved': 'The conversation is resolved.',
  'dialog.open': 'Open ticket #{id}',
  'dialog.done': 'Done',
  'cause.required_field_missing': 'The helpdesk requires “{label}”: fill it and try again.',
  'cause.invalid_email':
    'The helpdesk refused the customer’s email {value}: correct the spelling or format, then try again.',
  'cause.not_admin':
    'The helpdesk API key’s owner is no longer an administrator: an admin connects a key of an administrator.',
  'cause.no_global_scope':
    'The helpdesk API key’s owner no longer sees all tickets (ticket scope is not global): an admin fixes the scope or the key.',
  'cause.occasional_agent':
    'The helpdesk API key’s owner was made an occasional agent: an admin connects another key.',
  'cause.access_denied': 'The helpdesk refused the API key’s owner this action.',
  'cause.invalid_key': 'The helpdesk no longer accepts the API key: an admin enters a new one.',
  'cause.rate_limited': 'The helpdesk’s rate limit was reached: try again at {time}.',
  'cause.unreachable': 'The helpdesk cannot be reached right now: try again in a moment.',
  'cause.timeout': 'The helpdesk did not answer in time: try again in a moment.',
  'cause.not_found': 'The helpdesk has no such ticket (deleted, or not visible to the key): pick another.',
  'cause.not_connected': 'No helpdesk is connected: an admin connects one under Integrations > Helpdesk.',
  'cause.other': 'The helpdesk refused the ticket.',
} as const;

type Key = keyof typeof en;

const ja: Record<Key, string> = {
  'resolve.convert': 'チケットに変換…',
  'resolve.mandatory':
    '解決する前にチケットへの変換が必須です。「チケットに変換…」から「作成して解決」を使ってください。',
  'resolve.converted': 'チケット #{id} に変換済み',
  'resolve.queued': 'チケットへの変換は待機中です：{time} に実行されます。',
  'resolve.failed': '前回のチケットへの変換は失敗しました：{message}',
  'dialog.title': 'チケットに変換',
  'dialog.close': '閉じる',
  'dialog.loading': 'チケット項目を読み込み中…',
  'dialog.target': 'チケット',
  'dialog.new': '新しいチケットを作成',
  'dialog.existing': 'このユーザーの既存チケットに追加',
  'dialog.tickets': 'ユーザーの最近のチケット',
  'dialog.noTickets': 'このユーザーのチケットはまだヘルプデスクにありません。',
  'dialog.ticket': '#{id} {subject}',
  'dialog.noSubject': '（件名なし）',
  'dialog.fields': 'チケット項目',
  'dialog.noFields': 'マッピングで表示される項目はありません。チケットは会話から作成されます。',
  'dialog.required': '必須',
  'dialog.requiredMissing': 'この項目を入力してください（ヘルプデスクで必須です）。',
  'dialog.unmapped': 'この項目は自動では入力されません。ここで入力してください。',
  'dialog.choose': '選択…',
  'dialog.yes': 'はい',
  'dialog.warnings': 'マッピングの警告',
  'dialog.create': '作成',
  'dialog.createResolve': '作成して解決',
  'dialog.add': 'チケットに追加',
  'dialog.addResolve': '追加して解決',
  'dialog.busy': '変換中…',
  'dialog.pickTicket': '会話を追加するチケットを選んでください。',
  'dialog.refused': 'チケットは作成されませんでした。',
  'dialog.answer': 'ヘルプデスクの応答',
  'dialog.answerStatus': 'ステータス',
  'dialog.answerRequest': 'リクエスト ID',
  'dialog.answerBody': '本文',
  'dialog.serverSays': '詳細：{message}',
  'dialog.queued':
    'ヘルプデスクのレート制限に達しました。変換は待機中で、{time} に実行されます。このダイアログは閉じてかまいません。',
  'dialog.created': 'チケット #{id} を作成しました。',
  'dialog.noted': '会話をチケット #{id} に追加しました。',
  'dialog.resolved': '会話は解決済みになりました。',
  'dialog.open': 'チケット #{id} を開く',
  'dialog.done': '完了',
  'cause.required_field_missing':
    'ヘルプデスクでは「{label}」が必須です。入力してからもう一度お試しください。',
  'cause.invalid_email':
    'ヘルプデスクが顧客のメールアドレス {value} を受け付けませんでした。綴りや形式を直してからもう一度お試しください。',
  'cause.not_admin':
    'ヘルプデスクの API キーの所有者が管理者ではなくなりました。管理者のキーを管理者が接続してください。',
  'cause.no_global_scope':
    'ヘルプデスクの API キーの所有者がすべてのチケットを見られなくなりました（チケット範囲がグローバルではありません）。管理者が範囲またはキーを直してください。',
  'cause.occasional_agent':
    'ヘルプデスクの API キーの所有者がオケージョナルエージェントになりました。管理者が別のキーを接続してください。',
  'cause.access_denied': 'ヘルプデスクが API キーの所有者にこの操作を許可しませんでした。',
  'cause.invalid_key':
    'ヘルプデスクが API キーを受け付けなくなりました。管理者が新しいキーを入力してください。',
  'cause.rate_limited': 'ヘルプデスクのレート制限に達しました。{time} 以降にもう一度お試しください。',
  'cause.unreachable': 'ヘルプデスクに接続できません。しばらくしてからもう一度お試しください。',
  'cause.timeout': 'ヘルプデスクが時間内に応答しませんでした。しばらくしてからもう一度お試しください。',
  'cause.not_found':
    'そのチケットはヘルプデスクにありません（削除済み、またはキーから見えません）。別のチケットを選んでください。',
  'cause.not_connected':
    'ヘルプデスクが接続されていません。管理者が「連携 > ヘルプデスク」で接続してください。',
  'cause.other': 'ヘルプデスクがチケットを受け付けませんでした。',
};

export const convertText = { en, ja } satisfies Catalogue<Key>;
export type ConvertKey = Key;
