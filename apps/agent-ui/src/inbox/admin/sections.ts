import type { ReactNode } from 'react';
import type { Language } from '../../shared/i18n.js';

/**
 * One screen of the inbox's admin area (/inbox/admin/:id). Each group of screens keeps its
 * components, API calls and strings in its own files and lists its sections in one array
 * (people-sections.ts, content-sections.ts, integration-sections.ts); admin-area.tsx shows them.
 */
export interface AdminSection {
  /** The path segment: /inbox/admin/:id. */
  id: string;
  title(language: Language): string;
  /** `rest` is what follows /inbox/admin/:id/ (e.g. a webhook id), already decoded. */
  render(rest: string[]): ReactNode;
}
