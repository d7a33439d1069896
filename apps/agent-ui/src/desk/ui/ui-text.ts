import type { Catalogue } from '../../shared/i18n.js';

/** Words of the shared Desk form pieces (same wording the contacts and KB screens used). */
const en = {
  save: 'Save',
  saving: 'Saving…',
  create: 'Create',
  cancel: 'Cancel',
  delete: 'Delete',
  confirmDelete: 'Yes, delete',
};

const ja: typeof en = {
  save: '保存',
  saving: '保存中…',
  create: '作成',
  cancel: 'キャンセル',
  delete: '削除',
  confirmDelete: '削除する',
};

export const uiText = { en, ja } satisfies Catalogue<keyof typeof en>;
