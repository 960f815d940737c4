import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { procedureAccessGrants, procedures, profiles, secondFactors, users } from '@/db/schema';
import { assertAdmin, type AdminActor } from './admin-actor';

export type BackOfficeUser = {
  id: string;
  email: string;
  name: string | null;
  role: 'agent' | 'admin';
  /** False until the person has chosen a password from the invitation link. */
  active: boolean;
  isYou: boolean;
  /** When the second factor was set up; null until the person's first back-office sign-in (or after a reset). */
  secondFactorEnabledAt: Date | null;
  grantedProcedures: { procedureId: string; title: string }[];
};

export type AgentsPage = { users: BackOfficeUser[]; procedures: { id: string; title: string }[] };

/** Agents and administrators with their assigned procedures, and every procedure for the assignment lists. */
export async function listBackOfficeUsers(db: Database, actor: AdminActor): Promise<AgentsPage> {
  await assertAdmin(db, actor);
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
      firstNames: profiles.firstNames,
      usageName: profiles.usageName,
      birthName: profiles.birthName,
      secondFactorEnabledAt: secondFactors.enabledAt,
    })
    .from(users)
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .leftJoin(secondFactors, eq(secondFactors.userId, users.id))
    .where(inArray(users.role, ['agent', 'admin']))
    .orderBy(asc(users.email));
  const grantedProcedures = rows.length
    ? await db
        .select({ agentId: procedureAccessGrants.agentId, procedureId: procedures.id, title: procedures.title })
        .from(procedureAccessGrants)
        .innerJoin(procedures, eq(procedures.id, procedureAccessGrants.procedureId))
        .where(inArray(procedureAccessGrants.agentId, rows.map((r) => r.id)))
        .orderBy(asc(procedures.title))
    : [];
  const allProcedures = await db.select({ id: procedures.id, title: procedures.title }).from(procedures).orderBy(asc(procedures.title));
  return {
    users: rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: [r.firstNames, r.usageName ?? r.birthName].filter(Boolean).join(' ') || null,
      role: r.role as 'agent' | 'admin',
      active: !!r.emailVerifiedAt,
      isYou: r.id === actor.id,
      secondFactorEnabledAt: r.secondFactorEnabledAt,
      grantedProcedures: grantedProcedures.filter((a) => a.agentId === r.id).map(({ procedureId, title }) => ({ procedureId, title })),
    })),
    procedures: allProcedures,
  };
}
