import 'server-only';
import { and, asc, count, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { procedureVersions, procedures } from '@/db/schema';
import { categories, getCategoryLabel } from './categories';
import type { Opening } from './opening';
import { beneficiariesSchema, parseDefinition, type Beneficiary, type PersonSubtype } from './definition';

// The public catalogue: published procedures shown through their current version, the highest
// published one. Returns DTOs for the pages, never rows. Archived procedures are left out of the
// lists; their page still answers (bookmarks, drafts and dossiers link to it) and says so.

const offered = [eq(procedures.published, true), isNull(procedures.archivedAt)];

export type ProcedureCard = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  category: string;
  beneficiaries: Beneficiary[];
  estimatedDuration?: string;
  opening: Opening;
};

export type ProcedureDetail = ProcedureCard & {
  /** Taken out of the catalogue (decision 024): its page says so and "Commencer" is refused. */
  archived: boolean;
  /** The version a dossier started now would be filed with. */
  versionId: string;
  personSubtypes?: PersonSubtype[];
  requirements: string[];
  processingTime?: string;
  steps: { key: string; title: string }[];
  statuses: { key: string; label: string; final: boolean }[];
};

export type CategoryCount = { key: string; label: string; count: number };

export type CatalogueFilter = { query?: string; category?: string };

const currentVersionJoin = and(
  eq(procedureVersions.procedureId, procedures.id),
  isNotNull(procedureVersions.publishedAt),
  eq(
    procedureVersions.version,
    sql`(select max(v.version) from procedure_versions v where v.procedure_id = ${procedures.id} and v.published_at is not null)`,
  ),
);

const cardColumns = {
  id: procedures.id,
  slug: procedures.slug,
  title: procedures.title,
  summary: procedures.summary,
  category: procedures.category,
  // Only the two fragments a card needs, not whole definitions; as text, so both drivers agree.
  beneficiaries: sql<string>`(${procedureVersions.definition} -> 'beneficiaries')::text`,
  estimatedDuration: sql<string | null>`${procedureVersions.definition} ->> 'estimatedDuration'`,
  opensOn: procedures.opensOn,
  closesAfter: procedures.closesAfter,
  graceUntil: procedures.graceUntil,
};

type CardRow = Omit<{ [K in keyof typeof cardColumns]: K extends 'beneficiaries' ? string : K extends 'estimatedDuration' ? string | null : string }, keyof Opening> & Opening;

export async function listPublishedProcedures(db: Executor, filter: CatalogueFilter = {}): Promise<ProcedureCard[]> {
  const conditions: SQL[] = [...offered, ...matchQuery(filter.query)];
  if (filter.category) conditions.push(eq(procedures.category, filter.category));
  const rows = await db
    .select(cardColumns)
    .from(procedures)
    .innerJoin(procedureVersions, currentVersionJoin)
    .where(and(...conditions))
    .orderBy(asc(foldSql(procedures.title)));
  return rows.map(toCard);
}

/** Categories that have at least one published procedure, in the order of categories.ts. */
export async function listCategories(db: Executor): Promise<CategoryCount[]> {
  const rows = await db
    .select({ key: procedures.category, count: count() })
    .from(procedures)
    .innerJoin(procedureVersions, currentVersionJoin)
    .where(and(...offered))
    .groupBy(procedures.category);
  const rank = (key: string) => {
    const index = categories.findIndex((c) => c.key === key);
    return index === -1 ? categories.length : index;
  };
  return rows
    .map((r) => ({ key: r.key, label: getCategoryLabel(r.key), count: r.count }))
    .sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
}

export async function getPublishedProcedureBySlug(db: Executor, slug: string): Promise<ProcedureDetail | null> {
  const [row] = await db
    .select({ ...cardColumns, versionId: procedureVersions.id, definition: procedureVersions.definition, archivedAt: procedures.archivedAt })
    .from(procedures)
    .innerJoin(procedureVersions, currentVersionJoin)
    .where(and(eq(procedures.published, true), eq(procedures.slug, slug)));
  if (!row) return null;
  const definition = parseDefinition(row.definition);
  return {
    ...toCard(row),
    archived: row.archivedAt !== null,
    versionId: row.versionId,
    personSubtypes: definition.personSubtypes,
    requirements: definition.requirements ?? [],
    processingTime: definition.processingTime,
    steps: definition.steps.map(({ key, title }) => ({ key, title })),
    statuses: definition.statuses.map(({ key, label, final }) => ({ key, label, final })),
  };
}

function toCard(row: CardRow): ProcedureCard {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    category: row.category,
    beneficiaries: beneficiariesSchema.parse(JSON.parse(row.beneficiaries)),
    estimatedDuration: row.estimatedDuration ?? undefined,
    opening: { opensOn: row.opensOn, closesAfter: row.closesAfter, graceUntil: row.graceUntil },
  };
}

// Case- and accent-insensitive search without extensions (no unaccent on PGlite): the same
// character table folds the text in SQL (translate) and the query in JS, so both sides agree.
const foldTable: Record<string, string> = {
  a: 'àâäáãåÀÂÄÁÃÅ',
  c: 'çÇ',
  e: 'éèêëÉÈÊË',
  i: 'îïíìÎÏÍÌ',
  n: 'ñÑ',
  o: 'ôöóòõÔÖÓÒÕ',
  u: 'ùûüúÙÛÜÚ',
  y: 'ÿýŸÝ',
  "'": '’‘',
};
const foldFrom = Object.values(foldTable).join('');
const foldTo = Object.entries(foldTable)
  .map(([plain, accented]) => plain.repeat([...accented].length))
  .join('');
const foldChar = new Map([...foldFrom].map((ch, i) => [ch, foldTo[i]]));

function foldText(text: string): string {
  return [...text.normalize('NFC')]
    .map((ch) => foldChar.get(ch) ?? ch)
    .join('')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase();
}

function foldSql(expr: SQL | typeof procedures.title): SQL {
  const translated = sql`translate(${expr}, ${foldFrom}, ${foldTo})`;
  return sql`lower(replace(replace(replace(replace(${translated}, 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'))`;
}

// Every word of the query must appear in the title or the summary ("acte naissance" finds
// "Demande d'acte de naissance"). LIKE wildcards typed by the user are matched literally.
function matchQuery(query: string | undefined): SQL[] {
  const terms = foldText((query ?? '').slice(0, 200)).split(/\s+/).filter(Boolean).slice(0, 10);
  if (!terms.length) return [];
  const haystack = foldSql(sql`${procedures.title} || ' ' || ${procedures.summary}`);
  return terms.map((term) => sql`${haystack} like ${`%${term.replace(/[\\%_]/g, '\\$&')}%`}`);
}
