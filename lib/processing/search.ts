// Folding of a search query, the same as portal_fold() in SQL (migration 0006_queue-triggers): lower case, no
// accents, œ/æ spelt out. Pure module.

const MAX_TOKENS = 5;
const NUMBER_SHAPE = /^\d{4}-\d+$/;

export function foldForSearch(value: string): string {
  return value
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

/**
 * The words of a query, each matched as the start of a stored word: "2026-0001" (a dossier
 * number, kept whole), "helene dur" (two name words). At most five words; empty when nothing is left.
 */
export function searchTokens(query: string): string[] {
  const tokens: string[] = [];
  for (const word of foldForSearch(query).split(/[^a-z0-9-]+/)) {
    if (NUMBER_SHAPE.test(word)) tokens.push(word);
    else tokens.push(...word.split('-'));
  }
  return [...new Set(tokens.filter((token) => token.length > 0))].slice(0, MAX_TOKENS);
}

/** A LIKE prefix pattern with the wildcards of the token escaped (tokens hold only [a-z0-9-] anyway). */
export function prefixPattern(token: string): string {
  return `${token.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const LEXEME = /^[a-z0-9-]+$/;

/**
 * The tokens as a tsquery of prefixes, all required ("'helene':* & 'lef':*"), matched against
 * dossiers.search_vector. Written from folded tokens only: each must hold nothing but letters,
 * digits and hyphens (searchTokens' output), so no tsquery syntax (& | ! : * ( ) ' \) can come from
 * what was typed; anything else is refused rather than escaped.
 */
export function prefixTsquery(tokens: string[]): string {
  if (tokens.length === 0 || !tokens.every((token) => LEXEME.test(token))) throw new Error('prefixTsquery: folded search tokens expected');
  return tokens.map((token) => `'${token}':*`).join(' & ');
}

/**
 * The tokens as one tsquery, each token as the stored words it starts when they are few and known
 * ("('lefevre' | 'lefebvre') & 'helene':*"), else as a prefix. The GIN index answers exact
 * lexemes from their posting lists; a prefix makes it gather every lexeme it starts first
 * (decision 022, fourth benchmark). Same rule as prefixTsquery: letters, digits and hyphens only.
 */
export function wordsTsquery(tokens: string[], wordsOf: Record<string, string[]> = {}): string {
  if (tokens.length === 0) throw new Error('wordsTsquery: folded search tokens expected');
  return tokens
    .map((token) => {
      const words = wordsOf[token];
      if (!words || words.length === 0) return prefixTsquery([token]);
      if (!words.every((word) => LEXEME.test(word) && word.startsWith(token))) throw new Error('wordsTsquery: stored words expected');
      return words.length === 1 ? `'${words[0]}'` : `(${words.map((word) => `'${word}'`).join(' | ')})`;
    })
    .join(' & ');
}

/** A dossier number as typed, for the exact look-up of deleted dossiers (tombstones). */
export function dossierNumberIn(query: string): string | null {
  const match = query.trim().match(/^\d{4}-\d{6}$/);
  return match ? match[0] : null;
}
