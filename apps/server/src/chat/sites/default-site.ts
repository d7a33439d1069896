/** The site every user without an explicit site id belongs to; created by migration 0920. */
export const DEFAULT_SITE_ID = 'default';
