import type { DeskArea } from '../pages.js';

/** This area's pages and top-bar links (see ../pages.ts). */
export const knowledgeBaseArea: DeskArea = { pages: [], nav: [] };
