import { describe, expect, it } from 'vitest';
import {
  bigrams,
  cjkTsQueryLiteral,
  documentVector,
  isEmptyQuery,
  queryTerms,
  snippet,
  tokens,
  wordsTsQueryText,
} from './search-terms.js';

describe('tokens', () => {
  it('splits English on spaces and punctuation, lower-cased', () => {
    expect(tokens("Convert chats, don't wait! e-mail 3.14")).toEqual(
      ['convert', 'chats', 'don', 't', 'wait', 'e', 'mail', '3', '14'].map((text) => ({
        kind: 'word',
        text,
      })),
    );
  });

  it('keeps a Japanese run whole and splits it from Latin words', () => {
    expect(tokens('Freshchat連携の設定')).toEqual([
      { kind: 'word', text: 'freshchat' },
      { kind: 'cjk', text: '連携の設定' },
    ]);
  });

  it('counts the long-vowel mark as katakana and CJK punctuation as a separator', () => {
    expect(tokens('サーバー、チケット。「変換」')).toEqual([
      { kind: 'cjk', text: 'サーバー' },
      { kind: 'cjk', text: 'チケット' },
      { kind: 'cjk', text: '変換' },
    ]);
  });

  it('normalizes full-width letters and half-width katakana (NFKC)', () => {
    expect(tokens('ＦＡＱ　ﾁｹｯﾄ')).toEqual([
      { kind: 'word', text: 'faq' },
      { kind: 'cjk', text: 'チケット' },
    ]);
  });

  it('treats Hangul as CJK and accented Latin as words', () => {
    expect(tokens('티켓 café')).toEqual([
      { kind: 'cjk', text: '티켓' },
      { kind: 'word', text: 'café' },
    ]);
  });

  it('drops words too long to index', () => {
    expect(tokens(`${'a'.repeat(101)} ok`)).toEqual([{ kind: 'word', text: 'ok' }]);
  });
});

describe('bigrams', () => {
  it('gives overlapping pairs, and a single character alone', () => {
    expect(bigrams('チケット')).toEqual(['チケ', 'ケッ', 'ット']);
    expect(bigrams('変換')).toEqual(['変換']);
    expect(bigrams('猫')).toEqual(['猫']);
  });

  it('keeps characters outside the BMP whole', () => {
    expect(bigrams('𠮷野家')).toEqual(['𠮷野', '野家']);
  });
});

describe('documentVector', () => {
  it('weights title A, tags B and body C, words apart from CJK bigrams', () => {
    const doc = documentVector('Ticket basics', 'Convert a chat to a ticket.', ['how-to', 'FAQ']);
    expect(doc.words).toEqual({ A: 'ticket basics', B: 'how to faq', C: 'convert a chat to a ticket' });
    expect(doc.bigrams).toBe('');
  });

  it('indexes each CJK run as positioned bigrams plus its last character, runs apart', () => {
    const doc = documentVector('チケット', '変換。猫', []);
    // チケット: チケ 1, ケッ 2, ット 3, ト 4; gap; 変換: 変換 6, 換 7; gap; 猫 9.
    expect(doc.bigrams).toBe("'チケ':1A 'ケッ':2A 'ット':3A 'ト':4A '変換':6C '換':7C '猫':9C");
    expect(doc.words).toEqual({ A: '', B: '', C: '' });
  });

  it('lists every position of a repeated bigram with its weight', () => {
    expect(documentVector('変換', '変換', ['変換']).bigrams).toBe("'変換':1A,4B,7C '換':2A,5B,8C");
  });

  it('splits mixed text between words and bigrams', () => {
    const doc = documentVector('Freshchat連携', '', []);
    expect(doc.words.A).toBe('freshchat');
    expect(doc.bigrams).toBe("'連携':1A '携':2A");
  });

  it('clamps positions and caps positions per lexeme as PostgreSQL does', () => {
    const doc = documentVector('', 'あい '.repeat(20000), []);
    const positions = doc.bigrams.split(' ')[0]!.split(':')[1]!.split(',');
    expect(positions).toHaveLength(256);
    const long = documentVector(
      '',
      [...Array(20000).keys()].map((i) => String.fromCharCode(0x4e00 + (i % 20000))).join(''),
      [],
    );
    expect(long.bigrams).toMatch(/:16383C$/);
    expect(long.bigrams).not.toMatch(/:1638[4-9]C|:16[4-9]\d\dC/);
  });
});

describe('queryTerms', () => {
  it('parses English words, deduplicated', () => {
    expect(queryTerms('Tickets tickets export')).toEqual({ words: ['tickets', 'export'], cjk: [] });
  });

  it('turns katakana and kanji into bigram phrases', () => {
    expect(queryTerms('チケット')).toEqual({ words: [], cjk: [['チケ', 'ケッ', 'ット']] });
    expect(queryTerms('変換')).toEqual({ words: [], cjk: [['変換']] });
  });

  it('splits a mixed term', () => {
    expect(queryTerms('Freshchat連携')).toEqual({ words: ['freshchat'], cjk: [['連携']] });
  });

  it('normalizes full-width letters', () => {
    expect(queryTerms('ＴＩＣＫＥＴ')).toEqual({ words: ['ticket'], cjk: [] });
  });

  it('keeps nothing from punctuation, operators, quotes or blanks', () => {
    for (const term of ['', '   ', '\t\n', '&|!():*', "'--;", '、。！？']) {
      expect(isEmptyQuery(queryTerms(term)), term).toBe(true);
    }
    expect(queryTerms("' OR 1=1 --")).toEqual({ words: ['or', '1'], cjk: [] });
  });
});

describe('tsquery text', () => {
  it('ANDs words as prefixes', () => {
    expect(wordsTsQueryText(['ticket', 'export'])).toBe('ticket:* & export:*');
    expect(wordsTsQueryText([])).toBe('');
  });

  it('makes phrases of bigrams and a prefix of one character', () => {
    expect(cjkTsQueryLiteral([['チケ', 'ケッ', 'ット'], ['チ']])).toBe(
      "('チケ' <-> 'ケッ' <-> 'ット') & 'チ':*",
    );
    expect(cjkTsQueryLiteral([['変換']])).toBe("('変換')");
  });
});

describe('snippet', () => {
  const long = `${'Intro words here. '.repeat(20)}The export button sits in the toolbar. ${'Closing words. '.repeat(20)}`;

  it('returns short text whole, whitespace collapsed', () => {
    expect(snippet('  Short\n text ', 'text')).toBe('Short text');
  });

  it('centres long text on the first match, with ellipses', () => {
    const out = snippet(long, 'export', 100);
    expect(out).toMatch(/^….*export button.*…$/);
    expect(out.length).toBeLessThanOrEqual(102);
  });

  it('starts at the beginning when nothing matches', () => {
    expect(snippet(long, 'zzz', 50)).toMatch(/^Intro words here\..*…$/);
  });

  it('finds Japanese runs', () => {
    const text = `${'あ'.repeat(300)}チケットに変換する${'い'.repeat(300)}`;
    expect(snippet(text, 'チケット', 40)).toContain('チケット');
  });
});
