import { QuerySyntaxError, tokenize, type Token } from './query-lexer.js';

/**
 * Recursive-descent parser for the search expression:
 *
 *   query   := or EOF
 *   or      := and ( OR and )*
 *   and     := primary ( AND primary )*        AND binds tighter than OR
 *   primary := '(' or ')' | term
 *   term    := FIELD ':' ( '>' | '<' )? value  ':>' is ≥, ':<' is ≤
 *   value   := 'string' | number | true | false | null
 *
 * Keywords (AND, OR, true, false, null) are case-insensitive; field names are not.
 */

export type QueryValue =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' };

export type QueryOperator = 'eq' | 'gte' | 'lte';

export interface QueryTerm {
  kind: 'term';
  field: string;
  /** Position of the field name. */
  position: number;
  op: QueryOperator;
  value: QueryValue;
  /** Position of the value. */
  valuePosition: number;
}

export type QueryNode =
  | { kind: 'and'; left: QueryNode; right: QueryNode }
  | { kind: 'or'; left: QueryNode; right: QueryNode }
  | QueryTerm;

export { QuerySyntaxError };

const isKeyword = (token: Token, word: string) =>
  token.kind === 'word' && token.text.toLowerCase() === word.toLowerCase();

function describe(token: Token): string {
  return token.kind === 'eof' ? 'end of query' : `'${token.text}'`;
}

function unexpected(token: Token, expected: string): QuerySyntaxError {
  return new QuerySyntaxError(
    `Unexpected ${describe(token)} at position ${token.position}: expected ${expected}`,
    token.position,
  );
}

/** Parses an expression (without its surrounding double quotes) into an AST. */
export function parseQuery(expression: string): QueryNode {
  if (expression.trim() === '') throw new QuerySyntaxError('The query is empty', 1);
  const tokens = tokenize(expression);
  let index = 0;
  const peek = () => tokens[index]!;
  const next = () => tokens[index++]!;
  // Open parentheses, innermost last: to name the unmatched one at the end.
  const open: Token[] = [];

  function parseOr(): QueryNode {
    let left = parseAnd();
    while (isKeyword(peek(), 'OR')) {
      next();
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  }

  function parseAnd(): QueryNode {
    let left = parsePrimary();
    while (isKeyword(peek(), 'AND')) {
      next();
      left = { kind: 'and', left, right: parsePrimary() };
    }
    const after = peek();
    if (after.kind === 'eof' || isKeyword(after, 'OR') || (after.kind === 'rparen' && open.length > 0)) {
      return left;
    }
    if (after.kind === 'rparen') {
      throw new QuerySyntaxError(`Unmatched ')' at position ${after.position}`, after.position);
    }
    throw unexpected(after, 'AND, OR or the end of the query');
  }

  function parsePrimary(): QueryNode {
    const token = peek();
    if (token.kind === 'lparen') {
      next();
      open.push(token);
      const inner = parseOr();
      const close = peek();
      if (close.kind !== 'rparen') {
        throw new QuerySyntaxError(`Missing ')' for the '(' at position ${token.position}`, close.position);
      }
      next();
      open.pop();
      return inner;
    }
    if (token.kind === 'word' && !isKeyword(token, 'AND') && !isKeyword(token, 'OR')) {
      return parseTerm();
    }
    throw unexpected(token, "a field name or '('");
  }

  function parseTerm(): QueryTerm {
    const field = next();
    const colon = peek();
    if (colon.kind !== 'colon') throw unexpected(colon, `':' after '${field.text}'`);
    next();
    let op: QueryOperator = 'eq';
    if (peek().kind === 'gt') {
      next();
      op = 'gte';
    } else if (peek().kind === 'lt') {
      next();
      op = 'lte';
    }
    const token = next();
    const value = valueOf(token, field.text);
    if (op !== 'eq' && value.type !== 'number' && value.type !== 'string') {
      throw new QuerySyntaxError(
        `${describe(token)} at position ${token.position} cannot be compared with ':${op === 'gte' ? '>' : '<'}'; ranges take a number or a 'YYYY-MM-DD' date`,
        token.position,
      );
    }
    return {
      kind: 'term',
      field: field.text,
      position: field.position,
      op,
      value,
      valuePosition: token.position,
    };
  }

  function valueOf(token: Token, field: string): QueryValue {
    switch (token.kind) {
      case 'string':
        return { type: 'string', value: token.value as string };
      case 'number':
        return { type: 'number', value: token.value as number };
      case 'word': {
        const word = token.text.toLowerCase();
        if (word === 'true' || word === 'false') return { type: 'boolean', value: word === 'true' };
        if (word === 'null') return { type: 'null' };
        if (word === 'and' || word === 'or') throw unexpected(token, `a value for '${field}'`);
        throw new QuerySyntaxError(
          `Unquoted value '${token.text}' at position ${token.position}: string values must be enclosed in single quotes`,
          token.position,
        );
      }
      default:
        throw unexpected(token, `a value for '${field}'`);
    }
  }

  const tree = parseOr();
  const end = peek();
  if (end.kind !== 'eof') throw unexpected(end, 'AND, OR or the end of the query');
  return tree;
}

/** Every term of a tree, left to right. */
export function termsOf(node: QueryNode): QueryTerm[] {
  return node.kind === 'term' ? [node] : [...termsOf(node.left), ...termsOf(node.right)];
}
