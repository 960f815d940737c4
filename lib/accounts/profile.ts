import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { preferences, profiles, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import type { PreferencesInput, ProfileInput } from './schemas';

export type ProfileView = {
  email: string;
  civility: string | null;
  birthName: string | null;
  usageName: string | null;
  firstNames: string | null;
  birthDate: string | null;
  birthPlace: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  phone: string | null;
};

export async function getProfile(db: Executor, userId: string): Promise<ProfileView | null> {
  const [row] = await db
    .select({ email: users.email, profile: profiles })
    .from(users)
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .where(eq(users.id, userId));
  if (!row) return null;
  const p = row.profile;
  return {
    email: row.email,
    civility: p?.civility ?? null,
    birthName: p?.birthName ?? null,
    usageName: p?.usageName ?? null,
    firstNames: p?.firstNames ?? null,
    birthDate: p?.birthDate ?? null,
    birthPlace: p?.birthPlace ?? null,
    addressLine1: p?.address?.line1 ?? null,
    addressLine2: p?.address?.line2 ?? null,
    postalCode: p?.address?.postalCode ?? null,
    city: p?.address?.city ?? null,
    phone: p?.phone ?? null,
  };
}

/** Personal information: what every new procedure is prefilled with. */
export async function updateProfile(db: Executor, userId: string, input: ProfileInput): Promise<void> {
  const values = {
    civility: input.civility ?? null,
    birthName: input.birthName,
    usageName: input.usageName ?? null,
    firstNames: input.firstNames,
    birthDate: input.birthDate ?? null,
    birthPlace: input.birthPlace ?? null,
    address: input.addressLine1
      ? { line1: input.addressLine1, line2: input.addressLine2, postalCode: input.postalCode!, city: input.city!, country: 'France' }
      : null,
    phone: input.phone ?? null,
    updatedAt: sql`now()`,
  };
  await db.insert(profiles).values({ userId, ...values }).onConflictDoUpdate({ target: profiles.userId, set: values });
  await recordAudit(db, { action: 'account.profile_updated', actorId: userId, targetType: 'user', targetId: userId });
}

export async function getPreferences(db: Executor, userId: string): Promise<PreferencesInput> {
  const [row] = await db.select().from(preferences).where(eq(preferences.userId, userId));
  return {
    emailOnStatusChange: row?.emailOnStatusChange ?? true,
    emailOnMessage: row?.emailOnMessage ?? true,
    emailOnResponse: row?.emailOnResponse ?? true,
  };
}

export async function updatePreferences(db: Executor, userId: string, input: PreferencesInput): Promise<void> {
  const values = { ...input, updatedAt: sql`now()` };
  await db.insert(preferences).values({ userId, ...values }).onConflictDoUpdate({ target: preferences.userId, set: values });
  await recordAudit(db, { action: 'account.preferences_updated', actorId: userId, targetType: 'user', targetId: userId, meta: { ...input } });
}
