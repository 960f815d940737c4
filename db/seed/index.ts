import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { procedureAccessGrants, preferences, procedureVersions, procedures, profiles, relations, secondFactors, users } from '@/db/schema';
import { DEMO_TOTP_SECRETS } from './demo-second-factor';
import { seedProcedures } from './procedures';
import type { Role } from '@/db/schema';

export { DEMO_TOTP_SECRETS };

// Demo data for `npm run demo` and the tests. Safe to run on every start: what exists is left as is
// (a demo user may have edited their profile), only what is missing is created.

/** Shared by every demo account; long and uncommon enough to pass the sign-up password policy. */
export const DEMO_PASSWORD = 'Demo-Portail-2026!';

export const DEMO_ACCOUNTS = {
  citizen: 'citoyen@demo.localhost',
  agent: 'agent@demo.localhost',
  admin: 'admin@demo.localhost',
} as const;

export type SeedOptions = {
  hashPassword: (plain: string) => Promise<string>;
  /**
   * Encrypts a TOTP secret for storage (lib/auth/second-factor/secret-box.ts, with the key of the
   * server that will read it). Given, the demo agent and administrator are enrolled with the fixed
   * DEMO_TOTP_SECRETS; omitted, they enrol at their first sign-in like any other agent.
   */
  encryptTotpSecret?: (userId: string, secret: Uint8Array) => string;
};
export type SeedResult = {
  /** Accounts created by this run (none when they all existed). */
  createdAccounts: { email: string; role: Role }[];
  /** Published procedures in the database after the run, whoever created them (scripts/seed.ts prints it). */
  procedures: number;
};

const demoAddress = { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', country: 'France' };

export async function seedDatabase(db: Database, options: SeedOptions): Promise<SeedResult> {
  // Hash outside the transaction: it is slow on purpose and needs no lock.
  const passwordHash = await options.hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await seedProcedureRows(tx);
    const createdAccounts: SeedResult['createdAccounts'] = [];
    for (const [role, email] of Object.entries(DEMO_ACCOUNTS) as [Role, string][]) {
      const created = await createAccountIfMissing(tx, email, role, passwordHash);
      if (created) {
        createdAccounts.push({ email, role });
        if (role === 'citizen') await seedCitizenData(tx, created);
      }
    }
    await assignAgentToSeededProcedures(tx);
    if (options.encryptTotpSecret) await enrolDemoBackOffice(tx, options.encryptTotpSecret);
    return { createdAccounts, procedures: await tx.$count(procedures, eq(procedures.published, true)) };
  });
}

async function seedProcedureRows(tx: Transaction) {
  for (const { definition, ...procedure } of seedProcedures) {
    const [row] = await tx
      .insert(procedures)
      .values({ ...procedure, published: true })
      .onConflictDoNothing({ target: procedures.slug })
      .returning({ id: procedures.id });
    // An existing procedure with this slug is left alone, versions included.
    if (!row) continue;
    await tx.insert(procedureVersions).values({ procedureId: row.id, version: 1, definition, publishedAt: new Date() });
  }
}

/** Returns the new user's id, or null when the email is already taken. */
async function createAccountIfMissing(tx: Transaction, email: string, role: Role, passwordHash: string): Promise<string | null> {
  const [row] = await tx
    .insert(users)
    .values({ email, role, passwordHash, emailVerifiedAt: new Date() })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  return row?.id ?? null;
}

// Only for a freshly created citizen: relations have no natural key, so re-running would duplicate them.
async function seedCitizenData(tx: Transaction, userId: string) {
  await tx
    .insert(profiles)
    .values({
      userId,
      civility: 'Madame',
      birthName: 'Martin',
      usageName: 'Durand',
      firstNames: 'Camille Marie',
      birthDate: '1986-04-12',
      birthPlace: 'Lyon (69)',
      address: demoAddress,
      phone: '06 12 34 56 78',
    })
    .onConflictDoNothing();
  await tx.insert(preferences).values({ userId }).onConflictDoNothing();
  await tx.insert(relations).values([
    {
      ownerId: userId,
      kind: 'person',
      subtype: 'child',
      civility: 'Monsieur',
      birthName: 'Durand',
      firstNames: 'Léo Paul',
      birthDate: '2017-09-03',
      birthPlace: 'Lyon (69)',
      address: demoAddress,
    },
    {
      ownerId: userId,
      kind: 'organisation',
      subtype: 'association',
      legalName: 'Les Jardins partagés du 3e',
      // SIREN 421039587 and SIRET both pass the Luhn check, as real ones do.
      siret: '42103958700017',
      ownerRole: 'Présidente',
      address: { line1: '5 place Guichard', postalCode: '69003', city: 'Lyon', country: 'France' },
    },
  ]);
}

async function assignAgentToSeededProcedures(tx: Transaction) {
  const [agent] = await tx.select({ id: users.id }).from(users).where(and(eq(users.email, DEMO_ACCOUNTS.agent), eq(users.role, 'agent')));
  if (!agent) return;
  const rows = await tx
    .select({ id: procedures.id })
    .from(procedures)
    .where(inArray(procedures.slug, seedProcedures.map((p) => p.slug)));
  if (!rows.length) return;
  await tx
    .insert(procedureAccessGrants)
    .values(rows.map((p) => ({ agentId: agent.id, procedureId: p.id })))
    .onConflictDoNothing();
}

/**
 * The demo agent and administrator get their fixed, published TOTP secrets (printed by
 * `npm run demo`). An account that already has a second factor keeps it. Outside the demo the
 * portal refuses these secrets at sign-in (lib/auth/second-factor/policy.ts).
 */
async function enrolDemoBackOffice(tx: Transaction, encrypt: NonNullable<SeedOptions['encryptTotpSecret']>) {
  for (const role of ['agent', 'admin'] as const) {
    const [user] = await tx.select({ id: users.id }).from(users).where(and(eq(users.email, DEMO_ACCOUNTS[role]), eq(users.role, role)));
    if (!user) continue;
    const secret = decodeBase32IgnorePadding(DEMO_TOTP_SECRETS[role]);
    await tx
      .insert(secondFactors)
      .values({ userId: user.id, secretCiphertext: encrypt(user.id, secret), lastUsedStep: 0 })
      .onConflictDoNothing({ target: secondFactors.userId });
  }
}
