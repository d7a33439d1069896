/**
 * Tokenizer for the Freshdesk search expression (the text between the double quotes of
 * `query="..."`). Positions are 1-based character offsets into that expression.
 */

export type TokenKind =
  | 'word' // field names and the bare words AND, OR, true, false, null
  | 'string' // 'single quoted', escapes resolved
  | 'number'
  | 'colon'
  | 'gt'
  | 'lt'
  | 'lparen'
  | 'rparen'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** The source text of the token (for strings: including the quotes). */
  text: string;
  /** For strings: the unescaped content; for numbers: the numeric value. */
  value?: string | number;
  /** 1-based offset of the token's first character in the expression. */
  position: number;
}

/** A malformed expression; `message` names the position and offending text. */
export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}

const PUNCTUATION: Record<string, TokenKind> = {
  ':': 'colon',
  '>': 'gt',
  '<': 'lt',
  '(': 'lparen',
  ')': 'rparen',
};

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isWordStart = (c: string | undefined) => c !== undefined && /[A-Za-z_]/.test(c);
const isWordPart = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** Splits an expression into tokens, ending with one `eof` token. */
export function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const c = expression[i]!;
    const position = i + 1;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const punctuation = PUNCTUATION[c];
    if (punctuation) {
      tokens.push({ kind: punctuation, text: c, position });
      i++;
      continue;
    }
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= expression.length) {
          throw new QuerySyntaxError(`Unterminated string starting at position ${position}`, position);
        }
        const d = expression[j]!;
        if (d === '\\') {
          // A backslash makes the next character literal: \' for a quote, \\ for a backslash.
          if (j + 1 >= expression.length) {
            throw new QuerySyntaxError(`Unterminated string starting at position ${position}`, position);
          }
          value += expression[j + 1];
          j += 2;
          continue;
        }
        if (d === "'") break;
        value += d;
        j++;
      }
      tokens.push({ kind: 'string', text: expression.slice(i, j + 1), value, position });
      i = j + 1;
      continue;
    }
    if (isDigit(c) || (c === '-' && isDigit(expression[i + 1]))) {
      let j = i + 1;
      while (isDigit(expression[j])) j++;
      if (expression[j] === '.' && isDigit(expression[j + 1])) {
        j++;
        while (isDigit(expression[j])) j++;
      }
      if (isWordPart(expression[j])) {
        throw new QuerySyntaxError(
          `Invalid number '${expression.slice(i, j + 1)}' at position ${position}`,
          position,
        );
      }
      const text = expression.slice(i, j);
      tokens.push({ kind: 'number', text, value: Number(text), position });
      i = j;
      continue;
    }
    if (isWordStart(c)) {
      let j = i + 1;
      while (isWordPart(expression[j])) j++;
      tokens.push({ kind: 'word', text: expression.slice(i, j), position });
      i = j;
      continue;
    }
    throw new QuerySyntaxError(`Unexpected character '${c}' at position ${position}`, position);
  }
  tokens.push({ kind: 'eof', text: '', position: expression.length + 1 });
  return tokens;
}
