/** How custom ticket field names (`cf_<slug>`) are made from labels. */

const MAX_SLUG = 40;

/**
 * The label as lowercase ASCII words joined by underscores: accents are dropped (é → e, ß → ss),
 * full-width letters folded (Ａ → a). A label with no ASCII letters or digits left (e.g. 理由)
 * becomes `field`, so every label still gives a valid name.
 */
export function slugOfLabel(label: string): string {
  const ascii = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss');
  const slug = ascii
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, MAX_SLUG)
    .replace(/^_+|_+$/g, '');
  return slug || 'field';
}

/** `base` when free, else the first free `base_2`, `base_3`, ... */
export function firstFreeName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
