import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '@/lib/processing/csv';
import { dossierNumberIn, foldForSearch, prefixPattern, prefixTsquery, searchTokens, wordsTsquery } from '@/lib/processing/search';

describe('queue search words', () => {
  it('folds accents, capitals and ligatures as portal_fold() does', () => {
    expect(foldForSearch('Hélène LEFÈVRE-Œuvray Lætitia Ç')).toBe('helene lefevre-oeuvray laetitia c');
  });

  it('keeps a dossier number whole and splits hyphenated names', () => {
    expect(searchTokens('  2026-000123 ')).toEqual(['2026-000123']);
    expect(searchTokens('Jean-Pierre  Dupré')).toEqual(['jean', 'pierre', 'dupre']);
    expect(searchTokens('%_\\')).toEqual([]);
    expect(searchTokens('a b c d e f g')).toHaveLength(5);
  });

  it('escapes LIKE wildcards and recognises an exact number', () => {
    expect(prefixPattern('du')).toBe('du%');
    expect(dossierNumberIn('2026-000123')).toBe('2026-000123');
    expect(dossierNumberIn('Durand')).toBeNull();
  });

  it('writes a tsquery of prefixes from the folded words only: typed tsquery syntax never reaches it', () => {
    expect(prefixTsquery(searchTokens('Hélène LEF'))).toBe("'helene':* & 'lef':*");
    expect(prefixTsquery(searchTokens('2026-000123'))).toBe("'2026-000123':*");
    // Operators, quotes, weights and parentheses are separators for searchTokens: plain words remain.
    expect(searchTokens("a & ! : * ( '")).toEqual(['a']);
    expect(prefixTsquery(searchTokens("helene' & !lefevre:* | (x)"))).toBe("'helene':* & 'lefevre':* & 'x':*");
    expect(searchTokens("' & ! : * ( ) |")).toEqual([]);
    // Anything but a folded word is refused, not escaped.
    for (const tokens of [[], ['a&b'], ["l'eglise"], ['Helene'], ['a:*'], [''], ['a b'], ['é']]) expect(() => prefixTsquery(tokens), JSON.stringify(tokens)).toThrow();
  });
});

describe('tsquery of the stored words a token starts', () => {
  it('writes exact words where known, a prefix elsewhere, and refuses what is not a stored word of that token', () => {
    expect(wordsTsquery(['helene', 'lef'], { helene: ['helene'], lef: ['lefebvre', 'lefevre'] })).toBe("'helene' & ('lefebvre' | 'lefevre')");
    expect(wordsTsquery(['helene', 'l'], { helene: ['helene'] })).toBe("'helene' & 'l':*");
    expect(wordsTsquery(['lef'], { lef: [] })).toBe("'lef':*");
    for (const words of [["lef'evre"], ['lefevre:*'], ['dupont'], ['Lefevre'], ['lef evre']]) expect(() => wordsTsquery(['lef'], { lef: words }), JSON.stringify(words)).toThrow();
    expect(() => wordsTsquery([])).toThrow();
  });
});

describe('CSV cells', () => {
  it('neutralises what a spreadsheet would run as a formula', () => {
    for (const value of ['=cmd|\' /C calc\'!A0', '+33 1', '-2', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(value).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('Lefèvre')).toBe('Lefèvre');
  });

  it('quotes separators, quotes and line breaks; ends lines with CRLF', () => {
    expect(csvLine(['a;b', 'dit "non"', 'deux\nlignes'])).toBe('"a;b";"dit ""non""";"deux\nlignes"\r\n');
  });
});
