import type { Catalogue } from '../../shared/i18n.js';

/**
 * The top-bar labels of the contacts, companies and knowledge-base areas: the only strings in the
 * initial bundle (the screens' own catalogues load with the screens).
 */
const en = { contacts: 'Contacts', companies: 'Companies', kb: 'Knowledge base' };
const ja: Record<keyof typeof en, string> = {
  contacts: 'コンタクト',
  companies: '会社',
  kb: 'ナレッジベース',
};

export const navText = { en, ja } satisfies Catalogue<keyof typeof en>;
