import 'server-only';
import { and, isNotNull, ne, sql, type SQL } from 'drizzle-orm';
import { dossiers } from '@/db/schema';
import type { Role } from '@/db/schema';
import { dossierScopeOf } from './rules';

export type BackOfficeUser = { id: string; role: Role };

/**
 * The dossiers a back-office user reaches, as a WHERE condition: submitted (never a draft) and,
 * for an agent, of a procedure they are assigned to. Every back-office query starts from it.
 * No back-office query reads the citizen's locker (Porte-documents) table: it is out of reach by design.
 */
export function dossiersInScope(user: BackOfficeUser): SQL {
  const submitted = and(ne(dossiers.status, 'draft'), isNotNull(dossiers.submittedAt), isNotNull(dossiers.number))!;
  switch (dossierScopeOf(user.role)) {
    case 'all-procedures':
      return submitted;
    case 'granted-procedures':
      return and(
        submitted,
        sql`exists (select 1 from agent_assignments aa where aa.agent_id = ${user.id} and aa.procedure_id = ${dossiers.procedureId})`,
      )!;
    case 'none':
      return sql`false`;
  }
}
