import { describe, expect, it } from 'vitest';
import { tokenize } from './query-lexer.js';
import { parseQuery, QuerySyntaxError, type QueryNode } from './query-parser.js';

/** Compact rendering of a tree: terms as `field op value`, groups in parentheses. */
function show(node: QueryNode): string {
  if (node.kind === 'term') {
    const op = { eq: ':', gte: ':>', lte: ':<' }[node.op];
    const v = node.value;
    const value = v.type === 'null' ? 'null' : v.type === 'string' ? `'${v.value}'` : String(v.value);
    return `${node.field}${op}${value}`;
  }
  return `(${show(node.left)} ${node.kind.toUpperCase()} ${show(node.right)})`;
}

function syntaxError(expression: string): QuerySyntaxError {
  try {
    parseQuery(expression);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${expression} to fail`);
}

describe('tokenize', () => {
  it('splits terms, operators, strings, numbers and parentheses with 1-based positions', () => {
    expect(tokenize("(priority:>3 AND tag:'vip')").map((t) => [t.kind, t.text, t.position])).toEqual([
      ['lparen', '(', 1],
      ['word', 'priority', 2],
      ['colon', ':', 10],
      ['gt', '>', 11],
      ['number', '3', 12],
      ['word', 'AND', 14],
      ['word', 'tag', 18],
      ['colon', ':', 21],
      ['string', "'vip'", 22],
      ['rparen', ')', 27],
      ['eof', '', 28],
    ]);
  });

  it('reads negative and decimal numbers', () => {
    const [a, b] = tokenize('-12 3.75');
    expect([a!.value, b!.value]).toEqual([-12, 3.75]);
  });

  it('resolves backslash escapes inside single quotes', () => {
    const [token] = tokenize("'it\\'s a \\\\ path \"quoted\"'");
    expect(token).toMatchObject({ kind: 'string', value: 'it\'s a \\ path "quoted"' });
  });

  it('rejects unterminated strings, stray characters and malformed numbers', () => {
    expect(() => tokenize("type:'Question")).toThrow('Unterminated string starting at position 6');
    expect(() => tokenize("type:'ends with escape\\")).toThrow('Unterminated string starting at position 6');
    expect(() => tokenize('priority=3')).toThrow("Unexpected character '=' at position 9");
    expect(() => tokenize('priority:3x')).toThrow("Invalid number '3x' at position 10");
  });
});

describe('parseQuery', () => {
  it('parses a single term with each value type', () => {
    expect(show(parseQuery('priority:3'))).toBe('priority:3');
    expect(show(parseQuery("type:'Question'"))).toBe("type:'Question'");
    expect(show(parseQuery('active:true'))).toBe('active:true');
    expect(show(parseQuery('cf_flag:FALSE'))).toBe('cf_flag:false');
    expect(show(parseQuery('group_id:null'))).toBe('group_id:null');
    expect(show(parseQuery('agent_id: 7'))).toBe('agent_id:7');
  });

  it('records positions of fields and values', () => {
    expect(parseQuery("  type:'Question'")).toEqual({
      kind: 'term',
      field: 'type',
      position: 3,
      op: 'eq',
      value: { type: 'string', value: 'Question' },
      valuePosition: 8,
    });
  });

  it('parses :> as ≥ and :< as ≤ on numbers and dates', () => {
    expect(parseQuery('priority:>2')).toMatchObject({ op: 'gte', value: { type: 'number', value: 2 } });
    expect(parseQuery("created_at:<'2026-01-31'")).toMatchObject({
      op: 'lte',
      value: { type: 'string', value: '2026-01-31' },
    });
  });

  it('binds AND tighter than OR', () => {
    expect(show(parseQuery('a:1 OR b:2 AND c:3'))).toBe('(a:1 OR (b:2 AND c:3))');
    expect(show(parseQuery('a:1 AND b:2 OR c:3'))).toBe('((a:1 AND b:2) OR c:3)');
    expect(show(parseQuery('a:1 AND b:2 AND c:3'))).toBe('((a:1 AND b:2) AND c:3)');
  });

  it('lets parentheses override precedence, nested', () => {
    expect(show(parseQuery('(a:1 OR b:2) AND c:3'))).toBe('((a:1 OR b:2) AND c:3)');
    expect(show(parseQuery('a:1 AND ((b:2 OR c:3) AND (d:4 OR e:5))'))).toBe(
      '(a:1 AND ((b:2 OR c:3) AND (d:4 OR e:5)))',
    );
    expect(show(parseQuery('((a:1))'))).toBe('a:1');
  });

  it('accepts keywords in any case', () => {
    expect(show(parseQuery('a:1 and b:2 or c:NULL'))).toBe('((a:1 AND b:2) OR c:null)');
  });

  it('names the position and token of syntax errors', () => {
    expect(syntaxError('').message).toBe('The query is empty');
    expect(syntaxError('priority:3 AND').message).toBe(
      "Unexpected end of query at position 15: expected a field name or '('",
    );
    expect(syntaxError('priority').message).toBe(
      "Unexpected end of query at position 9: expected ':' after 'priority'",
    );
    expect(syntaxError('priority:').message).toBe(
      "Unexpected end of query at position 10: expected a value for 'priority'",
    );
    expect(syntaxError('priority:3 status:2').message).toBe(
      "Unexpected 'status' at position 12: expected AND, OR or the end of the query",
    );
    expect(syntaxError('OR priority:3').message).toBe(
      "Unexpected 'OR' at position 1: expected a field name or '('",
    );
    expect(syntaxError('priority:AND').message).toBe(
      "Unexpected 'AND' at position 10: expected a value for 'priority'",
    );
    expect(syntaxError("(a:1 OR b:'x'").message).toBe("Missing ')' for the '(' at position 1");
    expect(syntaxError('a:1)').message).toBe("Unmatched ')' at position 4");
    expect(syntaxError('a:)').message).toBe("Unexpected ')' at position 3: expected a value for 'a'");
    expect(syntaxError('()').message).toBe("Unexpected ')' at position 2: expected a field name or '('");
  });

  it('requires single quotes around strings', () => {
    const error = syntaxError('type:Question');
    expect(error.message).toBe(
      "Unquoted value 'Question' at position 6: string values must be enclosed in single quotes",
    );
    expect(error.position).toBe(6);
  });

  it('allows ranges only on numbers and strings', () => {
    expect(syntaxError('due_by:>null').message).toBe(
      "'null' at position 9 cannot be compared with ':>'; ranges take a number or a 'YYYY-MM-DD' date",
    );
    expect(syntaxError('active:<true').message).toContain("cannot be compared with ':<'");
  });

  it('keeps quotes and escapes inside string values', () => {
    expect(parseQuery("tag:'rock \\'n\\' roll' OR tag:'a AND b'")).toMatchObject({
      kind: 'or',
      left: { value: { type: 'string', value: "rock 'n' roll" } },
      right: { value: { type: 'string', value: 'a AND b' } },
    });
  });
});
