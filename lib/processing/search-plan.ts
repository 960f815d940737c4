import 'server-only';
import { inArray, like, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '@/db/client';
import { dossierSearchTerms, dossiers, queueStatusCounts } from '@/db/schema';
import { prefixPattern, wordsTsquery } from './search';

// How a name search reads the words index (decision 022). Two plans, chosen per query from how
// many dossiers each word starts (counted no further than needed):
// - few matches (a number, a rare name, a rare first name + name pair): the matching ids are read
//   from dossier_search_terms and only those dossiers are fetched and sorted;
// - several common words ("helene lefevre"): one query over the whole scope with all the words
//   as one tsquery on dossiers.search_vector; PostgreSQL reads the rows having them all from its
//   GIN index (posting lists intersected, migration 0010_search-vector) and sorts those only, or
//   walks the queue if it expects them to be many;
// - many matches (a common name): the queue's (key, id) index is walked and each dossier is
//   checked against its own search_vector until the page is full; the denser the matches, the
//   sooner it stops.
// The threshold √(page × dossiers in scope) balances the two costs: reading k ids costs k probes,
// walking costs about page × scope / k of them.
// Each word checked on the vector is written as the few stored words it starts ('lef' → 'lefebvre'
// | 'lefevre'), found by a loose scan of the words' btree in the same round trip: GIN reads exact
// lexemes from their posting lists, where a prefix made it gather every matching entry first.

/**
 * `ids`: the only candidates (null: every dossier of the scope); `checks`: the words each candidate
 * row must still have; `together`: several common words, searched in one query over the scope
 * (not one walk per procedure), which PostgreSQL answers from the GIN index.
 */
export type SearchPlan = { ids: string[] | null; checks: string[]; together?: boolean; wordsOf?: Record<string, string[]> };

const PAGE = 21;
/** A token starting more stored words than this stays a prefix in the tsquery. */
const MAX_WORDS = 8;
const STORED_WORD = /^[a-z0-9-]+$/;

/** Dossier ids having a word that starts with the token: all of them, or null when more than `few` (the words' btree). */
async function readFewIds(db: Executor, token: string, few: number): Promise<string[] | null> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select distinct ${dossierSearchTerms.dossierId} as id from ${dossierSearchTerms} where ${like(dossierSearchTerms.term, prefixPattern(token))} limit ${few + 1}`,
  );
  return rows.length > few ? null : rows.map((row) => row.id);
}

/** The tokens as one condition on the row itself: every token starts a word of its search_vector. */
function vectorMatch(tokens: string[], wordsOf?: Record<string, string[]>): SQL {
  return sql`${dossiers.searchVector} @@ ${wordsTsquery(tokens, wordsOf)}::tsquery`;
}

/**
 * The distinct stored words a token starts, at most MAX_WORDS + 1, space-separated: a loose index
 * scan (one btree probe per word, in text_pattern_ops order) however many dossiers hold each word.
 */
function startedWords(token: string): SQL {
  const pattern = prefixPattern(token);
  return sql`(with recursive w(term, n) as (
      (select ${dossierSearchTerms.term}, 1 from ${dossierSearchTerms} where ${dossierSearchTerms.term} like ${pattern} order by ${dossierSearchTerms.term} using ~<~ limit 1)
      union all
      select (select t.term from ${dossierSearchTerms} t where t.term like ${pattern} and t.term ~>~ w.term order by t.term using ~<~ limit 1), w.n + 1
      from w where w.term is not null and w.n <= ${MAX_WORDS})
    select coalesce(string_agg(term, ' '), '') from w where term is not null)`;
}

/**
 * The threshold and, per token, how many words it starts (counted up to threshold + 1: an
 * index-only scan that stops early), in one round trip.
 */
async function measureTokens(db: Executor, procedureIds: string[] | null, tokens: string[]): Promise<{ few: number; sizes: number[]; wordsOf: Record<string, string[]> }> {
  const inScope = procedureIds ? sql`where ${inArray(queueStatusCounts.procedureId, procedureIds)}` : sql``;
  const sizes = tokens.map(
    (token) =>
      sql`(select count(*) from (select 1 from ${dossierSearchTerms} where ${like(dossierSearchTerms.term, prefixPattern(token))} limit (select few + 1 from threshold)) t)::int`,
  );
  const [row] = await queryRows<{ few: number; sizes: number[]; words: string[] }>(
    db,
    sql`with threshold as (select greatest(100, ceil(sqrt(${PAGE} * coalesce(sum(${queueStatusCounts.n}), 0))))::int as few from ${queueStatusCounts} ${inScope})
        select (select few from threshold) as few, array[${sql.join(sizes, sql`, `)}] as sizes,
          array[${sql.join(tokens.map(startedWords), sql`, `)}]::text[] as words`,
  );
  const wordsOf: Record<string, string[]> = {};
  tokens.forEach((token, i) => {
    const words = row.words[i].split(' ').filter((word) => word.length > 0);
    // A word the tsquery could not name safely (none is stored today) leaves the token a prefix.
    if (words.length > 0 && words.length <= MAX_WORDS && words.every((word) => STORED_WORD.test(word) && word.startsWith(token))) wordsOf[token] = words;
  });
  return { few: Number(row.few), sizes: row.sizes.map(Number), wordsOf };
}

export async function planSearch(db: Executor, procedureIds: string[] | null, tokens: string[]): Promise<SearchPlan> {
  const { few, sizes, wordsOf } = await measureTokens(db, procedureIds, tokens);
  const order = tokens.map((token, i) => ({ token, size: sizes[i] })).sort((a, b) => a.size - b.size);
  const rarest = order[0];
  const sorted = order.map((entry) => entry.token);
  // The rarest word bounds the candidates; with several common words, their intersection may still be small.
  if (rarest.size <= few) return { ids: await readFewIds(db, rarest.token, few), checks: sorted.slice(1), wordsOf };
  // Several common words: the planner estimates their intersection from the vector's statistics
  // and reads it from the GIN index (decision 022: 75,000 word entries read whole before).
  if (tokens.length > 1) return { ids: null, checks: sorted, together: true, wordsOf };
  return { ids: null, checks: sorted, wordsOf };
}

/** The search as WHERE conditions for the plan: the candidate ids if few, and the other words checked on the row itself. */
export function searchConditions(plan: SearchPlan): SQL[] {
  const checks = plan.checks.length > 0 ? [vectorMatch(plan.checks, plan.wordsOf)] : [];
  if (plan.ids === null) return checks;
  return [plan.ids.length > 0 ? inArray(dossiers.id, plan.ids) : sql`false`, ...checks];
}
