import 'server-only';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { dossiers } from '@/db/schema';
import { isDossierId } from '@/lib/dossiers/ids';
import { dossiersInScope, type BackOfficeUser } from './scope';

// "Réponse non lue": a dossier with a citizen message or answer no agent has opened yet
// (dossiers.agent_unread_since, set by the citizen's use cases). The count reads the partial
// index dossiers_agent_unread_idx (procedure_id, agent_unread_since) where the column is set.

/** Dossiers in scope with unread citizen activity, for the back-office navigation. */
export async function countUnreadDossiers(db: Executor, user: BackOfficeUser): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(dossiers)
    .where(and(isNotNull(dossiers.agentUnreadSince), dossiersInScope(user)));
  return Number(row?.n ?? 0);
}

/** An agent opened the dossier: its citizen activity is read. Scoped: out of scope changes nothing. */
export async function clearUnreadMarker(db: Executor, user: BackOfficeUser, dossierId: string): Promise<void> {
  if (!isDossierId(dossierId)) return;
  await db
    .update(dossiers)
    .set({ agentUnreadSince: null })
    .where(and(eq(dossiers.id, dossierId), isNotNull(dossiers.agentUnreadSince), dossiersInScope(user)));
}
