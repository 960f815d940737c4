import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { procedureAccessGrants, preferences, procedureVersions, procedures, profiles, relations, users } from '@/db/schema';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDatabase, type SeedResult } from '@/db/seed';
import { seedProcedures } from '@/db/seed/procedures';
import { hashPassword, verifyPassword } from '@/lib/security/password';
import { getPublishedProcedureBySlug, listCategories, listPublishedProcedures } from '@/lib/procedures/catalogue';
import { createEmbeddedTestDatabase, createTestDatabase, type TestDatabase } from '../helpers/db';

const seededSlugsByTitle = ['acte-de-naissance', 'subvention-association', 'inscription-cantine', 'signalement-voirie'];
const streetReport = seedProcedures.find((p) => p.slug === 'signalement-voirie')!;

function passesLuhn(digits: string): boolean {
  const sum = [...digits].reverse().reduce((total, ch, i) => {
    const d = Number(ch) * (i % 2 ? 2 : 1);
    return total + (d > 9 ? d - 9 : d);
  }, 0);
  return sum % 10 === 0;
}

type Version = { version: number; published: boolean; estimatedDuration: string };

// Extra procedures live only inside a transaction that is rolled back, so tests stay independent.
async function withRollback(db: TestDatabase['db'], run: (tx: Executor) => Promise<void>) {
  const rollback = new Error('rollback');
  await db
    .transaction(async (tx) => {
      await run(tx);
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
}

async function insertProcedure(tx: Executor, values: { slug: string; title: string; summary: string; published: boolean }, versions: Version[]) {
  const [row] = await tx.insert(procedures).values({ ...values, category: 'citoyennete' }).returning({ id: procedures.id });
  return addVersions(tx, row.id, versions);
}

async function addVersions(tx: Executor, procedureId: string, versions: Version[]) {
  return tx
    .insert(procedureVersions)
    .values(
      versions.map((v) => ({
        procedureId,
        version: v.version,
        definition: { ...streetReport.definition, estimatedDuration: v.estimatedDuration },
        publishedAt: v.published ? new Date() : null,
      })),
    )
    .returning({ id: procedureVersions.id, version: procedureVersions.version });
}

async function countRows(db: Executor) {
  const tables = { users, profiles, preferences, relations, procedures, procedureVersions, procedureAccessGrants };
  const entries = await Promise.all(Object.entries(tables).map(async ([name, table]) => [name, await db.$count(table)] as const));
  return Object.fromEntries(entries);
}

const slugsOf = (cards: { slug: string }[]) => cards.map((c) => c.slug);

describe.each([
  ['PostgreSQL', createTestDatabase],
  ['PGlite', createEmbeddedTestDatabase],
])('catalogue and demo seed on %s', (_name, createDatabase) => {
  let database: TestDatabase;
  let firstRun: SeedResult;

  beforeAll(async () => {
    database = await createDatabase();
    firstRun = await seedDatabase(database.db, { hashPassword });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('creates the demo accounts, with a working demo password, and the procedures', async () => {
    expect(firstRun.procedures).toBe(4);
    expect(firstRun.createdAccounts).toEqual([
      { email: DEMO_ACCOUNTS.citizen, role: 'citizen' },
      { email: DEMO_ACCOUNTS.agent, role: 'agent' },
      { email: DEMO_ACCOUNTS.admin, role: 'admin' },
    ]);
    const accounts = await database.db.select().from(users).orderBy(asc(users.email));
    expect(accounts.map((u) => [u.email, u.role])).toEqual([
      ['admin@demo.localhost', 'admin'],
      ['agent@demo.localhost', 'agent'],
      ['citoyen@demo.localhost', 'citizen'],
    ]);
    for (const account of accounts) {
      expect(account.emailVerifiedAt).toBeInstanceOf(Date);
      expect(account.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verifyPassword(account.passwordHash, DEMO_PASSWORD)).toBe(true);
    }
    expect(await verifyPassword(accounts[0].passwordHash, 'demo-portail-2026!')).toBe(false);
  });

  it('gives the citizen a full profile, preferences, a child and an association with a valid SIRET', async () => {
    const [citizen] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS.citizen));
    const [profile] = await database.db.select().from(profiles).where(eq(profiles.userId, citizen.id));
    for (const value of Object.values(profile)) expect(value).toBeTruthy();
    expect(await database.db.$count(preferences, eq(preferences.userId, citizen.id))).toBe(1);
    const linked = await database.db.select().from(relations).where(eq(relations.ownerId, citizen.id)).orderBy(asc(relations.kind));
    expect(linked.map((r) => [r.kind, r.subtype])).toEqual([['person', 'child'], ['organisation', 'association']]);
    const siret = linked[1].siret!;
    expect(siret).toMatch(/^\d{14}$/);
    expect(passesLuhn(siret) && passesLuhn(siret.slice(0, 9))).toBe(true);
  });

  it('assigns the agent to every seeded procedure', async () => {
    const assigned = await database.db
      .select({ slug: procedures.slug })
      .from(procedureAccessGrants)
      .innerJoin(procedures, eq(procedures.id, procedureAccessGrants.procedureId))
      .innerJoin(users, eq(users.id, procedureAccessGrants.agentId))
      .where(eq(users.email, DEMO_ACCOUNTS.agent));
    expect(slugsOf(assigned).sort()).toEqual([...seededSlugsByTitle].sort());
  });

  it('is idempotent: a second run creates nothing and keeps every id', async () => {
    const idsBefore = await database.db.select({ id: users.id, email: users.email }).from(users).orderBy(asc(users.email));
    const countsBefore = await countRows(database.db);
    const secondRun = await seedDatabase(database.db, { hashPassword });
    expect(secondRun).toEqual({ createdAccounts: [], procedures: 4 });
    expect(await countRows(database.db)).toEqual(countsBefore);
    expect(await database.db.select({ id: users.id, email: users.email }).from(users).orderBy(asc(users.email))).toEqual(idsBefore);
  });

  it('lists the four published procedures as cards, ordered by title', async () => {
    const cards = await listPublishedProcedures(database.db);
    expect(slugsOf(cards)).toEqual(seededSlugsByTitle);
    expect(cards[0]).toEqual({
      id: expect.any(String),
      slug: 'acte-de-naissance',
      title: "Demande d'acte de naissance",
      summary: expect.stringContaining('copie intégrale'),
      category: 'etat-civil',
      beneficiaries: ['self', 'person'],
      estimatedDuration: '5 minutes',
      opening: { opensOn: null, closesAfter: null, graceUntil: null },
    });
  });

  it('hides unpublished procedures and procedures without a published version', async () => {
    await withRollback(database.db, async (tx) => {
      await insertProcedure(tx, { slug: 'hors-ligne', title: 'Démarche hors ligne', summary: 'Naissance', published: false }, [{ version: 1, published: true, estimatedDuration: '1 minute' }]);
      await insertProcedure(tx, { slug: 'en-preparation', title: 'Démarche en préparation', summary: 'Naissance', published: true }, [{ version: 1, published: false, estimatedDuration: '1 minute' }]);
      expect(slugsOf(await listPublishedProcedures(tx))).toEqual(seededSlugsByTitle);
      expect(slugsOf(await listPublishedProcedures(tx, { query: 'naissance' }))).toEqual(['acte-de-naissance']);
      expect(await getPublishedProcedureBySlug(tx, 'hors-ligne')).toBeNull();
      expect(await getPublishedProcedureBySlug(tx, 'en-preparation')).toBeNull();
    });
  });

  it('shows the highest published version, not a newer draft', async () => {
    await withRollback(database.db, async (tx) => {
      const [{ id }] = await tx.select({ id: procedures.id }).from(procedures).where(eq(procedures.slug, 'signalement-voirie'));
      const added = await addVersions(tx, id, [
        { version: 2, published: true, estimatedDuration: '4 minutes' },
        { version: 3, published: false, estimatedDuration: '9 minutes' },
      ]);
      const cards = await listPublishedProcedures(tx, { category: 'voirie' });
      expect(cards.map((c) => [c.slug, c.estimatedDuration])).toEqual([['signalement-voirie', '4 minutes']]);
      const detail = await getPublishedProcedureBySlug(tx, 'signalement-voirie');
      expect(detail?.versionId).toBe(added.find((v) => v.version === 2)!.id);
    });
  });

  it.each([
    ['naissance', ['acte-de-naissance']],
    ['SUBVENTION', ['subvention-association']],
    ['securite', ['signalement-voirie']],
    ['ÉCLAIRAGE', ['signalement-voirie']],
    ['ecole', ['inscription-cantine']],
    ['d’acte', ['acte-de-naissance']],
    ['  restauration   Scolaire ', ['inscription-cantine']],
    ['acte subvention', []],
    ['%', []],
    ['_', []],
    ['   ', seededSlugsByTitle],
  ])('searches titles and summaries without case or accents: %j', async (query, expected) => {
    expect(slugsOf(await listPublishedProcedures(database.db, { query }))).toEqual(expected);
  });

  it('folds accented capitals stored in the database too', async () => {
    await withRollback(database.db, async (tx) => {
      const summary = 'Inscrivez-vous pour voter aux prochaines ÉLECTIONS.';
      await insertProcedure(tx, { slug: 'listes-electorales', title: 'Élections : inscription sur les listes', summary, published: true }, [{ version: 1, published: true, estimatedDuration: '5 minutes' }]);
      expect(slugsOf(await listPublishedProcedures(tx, { query: 'electIons' }))).toEqual(['listes-electorales']);
      // Sorted as "elections", not after "S" as a byte order would put "É".
      expect(slugsOf(await listPublishedProcedures(tx))[2]).toBe('listes-electorales');
    });
  });

  it('filters by category, alone or with a query', async () => {
    expect(slugsOf(await listPublishedProcedures(database.db, { category: 'education' }))).toEqual(['inscription-cantine']);
    expect(slugsOf(await listPublishedProcedures(database.db, { category: 'voirie', query: 'naissance' }))).toEqual([]);
    expect(slugsOf(await listPublishedProcedures(database.db, { category: 'inconnue' }))).toEqual([]);
  });

  it('lists the categories in use, labelled in French', async () => {
    expect(await listCategories(database.db)).toEqual([
      { key: 'etat-civil', label: 'État civil', count: 1 },
      { key: 'education', label: 'Éducation et enfance', count: 1 },
      { key: 'associations', label: 'Vie associative', count: 1 },
      { key: 'voirie', label: 'Voirie et cadre de vie', count: 1 },
    ]);
  });

  it('returns the detail of a published procedure by slug, and null for an unknown slug', async () => {
    const [version] = await database.db
      .select({ id: procedureVersions.id })
      .from(procedureVersions)
      .innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId))
      .where(eq(procedures.slug, 'acte-de-naissance'));
    const detail = await getPublishedProcedureBySlug(database.db, 'acte-de-naissance');
    expect(detail).toMatchObject({
      slug: 'acte-de-naissance',
      category: 'etat-civil',
      versionId: version.id,
      processingTime: 'Envoi ou mise à disposition sous 10 jours ouvrés',
      steps: [
        { key: 'acte', title: "L'acte demandé" },
        { key: 'personne', title: 'La personne concernée' },
        { key: 'filiation', title: 'Les parents' },
        { key: 'reception', title: "Réception de l'acte" },
      ],
    });
    expect(detail?.requirements).toHaveLength(3);
    expect(detail?.statuses[0]).toEqual({ key: 'recue', label: 'Demande reçue', final: false });
    expect(detail?.statuses.filter((s) => s.final).map((s) => s.key)).toEqual(['envoye', 'disponible', 'refusee']);
    expect(await getPublishedProcedureBySlug(database.db, 'inconnue')).toBeNull();
  });
});
