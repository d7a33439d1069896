import type { DeskArea } from '../pages.js';

/** This area's pages and top-bar links (see ../pages.ts). */
export const contactsArea: DeskArea = { pages: [], nav: [] };
