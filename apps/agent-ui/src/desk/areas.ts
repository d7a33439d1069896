import { adminArea } from './admin/area.js';
import { contactsArea } from './contacts/area.js';
import { knowledgeBaseArea } from './kb/area.js';
import type { DeskArea } from './pages.js';

/** The Desk UI's areas besides tickets and the profile, in top-bar order. */
export const DESK_AREAS: DeskArea[] = [contactsArea, knowledgeBaseArea, adminArea];
