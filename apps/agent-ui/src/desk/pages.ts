import type { ReactNode } from 'react';
import type { Language } from '../shared/i18n.js';
import type { Me } from './api.js';

/**
 * One area of the Desk agent UI (contacts and companies, knowledge base, admin): its pages under
 * /a and its links in the top bar. Each area keeps its pages, API calls and strings in its own
 * folder; desk-app.tsx only walks the list in areas.ts.
 */
export interface DeskArea {
  pages: DeskPage[];
  nav: DeskNavLink[];
}

export interface DeskPage {
  /** Matched against the path (no trailing slash), e.g. /^\/a\/contacts\/(\d+)$/. */
  path: RegExp;
  render(match: RegExpExecArray, me: Me): ReactNode;
}

export interface DeskNavLink {
  href: string;
  label(language: Language): string;
  /** Marks the link as the current page. */
  isActive(path: string): boolean;
  /** Shown only to account admins and admins. */
  adminOnly?: boolean;
}

/** Account admins and admins see the admin screens (Desk enforces it again on every call). */
export const isAdmin = (me: Me) => me.roles.some((role) => role === 'account_admin' || role === 'admin');
