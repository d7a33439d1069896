import './contacts.css';
import { CompanyList, CompanyPage, NewCompany } from './company-pages.js';
import { ContactList } from './contact-list.js';
import { ContactPage, NewContact } from './contact-page.js';

/** Which contacts/companies screen a path shows (this module is loaded on first visit). */
export default function ContactsRoutes({ kind, id }: { kind: 'contacts' | 'companies'; id?: string }) {
  if (kind === 'contacts') {
    if (id === undefined) return <ContactList />;
    if (id === 'new') return <NewContact />;
    return <ContactPage key={id} id={Number(id)} />;
  }
  if (id === undefined) return <CompanyList />;
  if (id === 'new') return <NewCompany />;
  return <CompanyPage key={id} id={Number(id)} />;
}
