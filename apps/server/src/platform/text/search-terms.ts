/**
 * Full-text search terms for PostgreSQL `tsvector`/`tsquery`, for text in Latin and in CJK scripts.
 *
 * PostgreSQL's parser splits words on spaces, which Japanese and Chinese do not use, so a search
 * for `チケット` would never match `チャットをチケットに変換する`. As pg_bigm and Groonga do, text in
 * CJK scripts (Han, Hiragana, Katakana, Hangul) is indexed as overlapping character bigrams, built
 * here, and a CJK query becomes a phrase of its bigrams (`チケ <-> ケッ <-> ット`), which matches
 * anywhere inside a longer run. Other words are left to PostgreSQL's `english` configuration
 * (stemming, stop words). Both sides go through the same `tokens` function, so a document and a
 * query always agree on where words start and end. No extension is needed: this runs the same on
 * embedded PGlite and on PostgreSQL.
 */

/** tsvector weights: title, tags, body. */
export type SearchWeight = 'A' | 'B' | 'C';

/** A token of normalized text: a word of a space-separated script, or a run of CJK characters. */
export interface Token {
  kind: 'word' | 'cjk';
  text: string;
}

/** The searchable form of a document, ready to be bound into SQL (see `articleSearchVector`). */
export interface SearchDocument {
  /** Words (not CJK) of each part, space-separated, for `to_tsvector('english', …)`. */
  words: Record<SearchWeight, string>;
  /** CJK bigrams of all parts with positions and weights, as a `tsvector` literal ('' if none). */
  bigrams: string;
}

/** The parsed form of a search term. */
export interface SearchQuery {
  /** Words (not CJK), each matched as a prefix of a stemmed lexeme, all required. */
  words: string[];
  /** One group per CJK run: its bigrams in order (a phrase), or one character matched as a prefix. */
  cjk: string[][];
}

/** PostgreSQL ignores longer words (2047 bytes); we drop them on both sides, well under that. */
const MAX_WORD_LENGTH = 100;
/** Largest tsvector position; PostgreSQL clamps to it too. */
const MAX_POSITION = 16383;
/** Most positions PostgreSQL keeps for one lexeme. */
const MAX_POSITIONS_PER_LEXEME = 256;

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
// Script_Extensions so that marks used within CJK text count (ー 々 ゝ); punctuation such as 、。
// shares those scripts but is not a letter, and WORD_CHAR leaves it out.
const CJK_CHAR = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]$/u;

/** NFKC (full-width letters to ASCII, half-width katakana to full-width) and lower case. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Splits text into words and CJK runs, in order. Anything that is not a letter, mark or digit
 * separates tokens, and a change between CJK and other scripts does too (`freshchat連携` →
 * `freshchat`, `連携`). Only letters, marks and digits ever reach a token, so no tsquery operator
 * or quote can come through.
 */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  let kind: Token['kind'] | null = null;
  let current = '';
  const flush = () => {
    if (kind !== null && (kind === 'cjk' || current.length <= MAX_WORD_LENGTH))
      out.push({ kind, text: current });
    kind = null;
    current = '';
  };
  for (const ch of normalizeText(text)) {
    if (!WORD_CHAR.test(ch)) {
      flush();
      continue;
    }
    const chKind = CJK_CHAR.test(ch) ? 'cjk' : 'word';
    if (chKind !== kind) {
      flush();
      kind = chKind;
    }
    current += ch;
  }
  flush();
  return out;
}

/** Overlapping character bigrams of a CJK run (`チケット` → チケ ケッ ット); one character stays one. */
export function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
}

/** Quotes a lexeme for a tsvector/tsquery literal. */
function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The searchable form of a document: title (weight A), tags (B) and body (C). Each CJK run is
 * indexed as its bigrams followed by its last character alone, so that a one-character query
 * (`ト:*`) finds a run ending in it; runs are one position apart so phrases never span two runs.
 */
export function documentVector(title: string, body: string, tags: readonly string[]): SearchDocument {
  const positions = new Map<string, string[]>();
  let position = 1;
  const words: Record<SearchWeight, string[]> = { A: [], B: [], C: [] };
  const add = (text: string, weight: SearchWeight) => {
    for (const token of tokens(text)) {
      if (token.kind === 'word') {
        words[weight].push(token.text);
        continue;
      }
      const chars = [...token.text];
      const grams = chars.length < 2 ? chars : [...bigrams(token.text), chars.at(-1)!];
      for (const gram of grams) {
        const list = positions.get(gram) ?? [];
        if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${Math.min(position, MAX_POSITION)}${weight}`);
        positions.set(gram, list);
        position++;
      }
      position++; // a gap: the next run is not adjacent to this one
    }
  };
  add(title, 'A');
  for (const tag of tags) add(tag, 'B');
  add(body, 'C');
  const bigramLiteral = [...positions]
    // Clamped positions may repeat; PostgreSQL rejects nothing but keeps one, as we do.
    .map(([gram, list]) => `${quoteLexeme(gram)}:${dedupePositions(list).join(',')}`)
    .join(' ');
  return {
    words: { A: words.A.join(' '), B: words.B.join(' '), C: words.C.join(' ') },
    bigrams: bigramLiteral,
  };
}

function dedupePositions(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const pos = p.slice(0, -1);
    if (seen.has(pos)) return false;
    seen.add(pos);
    return true;
  });
}

/** Parses a user's search term: words and CJK runs, each required. */
export function queryTerms(term: string): SearchQuery {
  const words: string[] = [];
  const cjk: string[][] = [];
  for (const token of tokens(term)) {
    if (token.kind === 'word') {
      if (!words.includes(token.text)) words.push(token.text);
    } else {
      cjk.push(bigrams(token.text));
    }
  }
  return { words, cjk };
}

/** True when a term has nothing to search for (blank, or only punctuation). */
export function isEmptyQuery(query: SearchQuery): boolean {
  return query.words.length === 0 && query.cjk.length === 0;
}

/**
 * The words as `to_tsquery` input: `w1:* & w2:*` ('' when none). Tokens hold only letters, marks
 * and digits, so the string carries no operator but ours; it is still bound as a parameter.
 */
export function wordsTsQueryText(words: readonly string[]): string {
  return words.map((w) => `${w}:*`).join(' & ');
}

/**
 * The CJK runs as a `tsquery` literal (cast with `::tsquery`, which takes lexemes as written):
 * each run a phrase of its bigrams, a single character a prefix; runs ANDed. '' when none.
 */
export function cjkTsQueryLiteral(groups: readonly string[][]): string {
  return groups
    .map((grams) =>
      grams.length === 1 && [...grams[0]!].length === 1
        ? `${quoteLexeme(grams[0]!)}:*`
        : `(${grams.map(quoteLexeme).join(' <-> ')})`,
    )
    .join(' & ');
}

/**
 * A plain-text excerpt of about `length` characters around the first place the term's words or
 * CJK runs occur in `text` (the start of the text when none does), with ellipses where cut.
 */
export function snippet(text: string, term: string, length = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const haystack = flat.normalize('NFKC').toLowerCase();
  // NFKC can change lengths; only search when it did not, so indexes stay aligned.
  let at = -1;
  if (haystack.length === flat.length) {
    for (const token of tokens(term)) {
      const found = haystack.indexOf(token.text);
      if (found !== -1 && (at === -1 || found < at)) at = found;
    }
  }
  let start = at <= length / 4 ? 0 : at - Math.floor(length / 4);
  if (start > 0) {
    const space = flat.lastIndexOf(' ', start);
    if (space !== -1 && start - space < 20) start = space + 1;
  }
  start = Math.min(start, Math.max(0, flat.length - length));
  const end = Math.min(flat.length, start + length);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
