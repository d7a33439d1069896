import type { AdminSection } from './sections.js';

/** Admin screens of this group, in menu order (see sections.ts). */
export const integrationSections: AdminSection[] = [];
