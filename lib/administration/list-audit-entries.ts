import 'server-only';
import { and, count, desc, eq, gte, like, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '@/db/client';
import { auditLog, dossiers, procedures, users } from '@/db/schema';
import { assertAdmin, type AdminActor } from './admin-actor';
import { auditActionLabel, describeAuditMeta } from './audit-labels';
import type { JournalFilter } from './schemas';

export const JOURNAL_PAGE_SIZE = 50;
// Days start and end at midnight in the portal's time zone, as the administrator reads them.
const TIME_ZONE = 'Europe/Paris';

export type AuditEntryView = {
  id: number;
  at: Date;
  action: string;
  actionLabel: string;
  actor: string | null;
  target: string | null;
  details: { label: string; value: string }[];
};

export type JournalPage = { entries: AuditEntryView[]; total: number; page: number; pageCount: number };

function conditions(filter: JournalFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.type) where.push(filter.type.includes('.') ? eq(auditLog.action, filter.type) : like(auditLog.action, `${filter.type}.%`));
  if (filter.du) where.push(gte(auditLog.createdAt, sql`(${filter.du}::date)::timestamp at time zone ${TIME_ZONE}`));
  if (filter.au) where.push(lt(auditLog.createdAt, sql`(${filter.au}::date + 1)::timestamp at time zone ${TIME_ZONE}`));
  return where;
}

/** The audit journal, newest first. Shows who did what to whom; never the meta keys that could hold secrets. */
export async function listAuditEntries(db: Database, actor: AdminActor, filter: JournalFilter): Promise<JournalPage> {
  await assertAdmin(db, actor);
  const where = and(...conditions(filter));
  const [{ total }] = await db.select({ total: count() }).from(auditLog).where(where);
  const pageCount = Math.max(1, Math.ceil(Number(total) / JOURNAL_PAGE_SIZE));
  const page = Math.min(filter.page, pageCount);
  const actorUser = alias(users, 'actor_user');
  const targetUser = alias(users, 'target_user');
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.createdAt,
      action: auditLog.action,
      actorEmail: actorUser.email,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      targetEmail: targetUser.email,
      targetTitle: procedures.title,
      targetDossierNumber: dossiers.number,
      meta: auditLog.meta,
    })
    .from(auditLog)
    .leftJoin(actorUser, eq(actorUser.id, auditLog.actorId))
    .leftJoin(targetUser, and(eq(auditLog.targetType, 'user'), sql`${targetUser.id}::text = ${auditLog.targetId}`))
    .leftJoin(procedures, and(eq(auditLog.targetType, 'procedure'), sql`${procedures.id}::text = ${auditLog.targetId}`))
    .leftJoin(dossiers, and(eq(auditLog.targetType, 'dossier'), sql`${dossiers.id}::text = ${auditLog.targetId}`))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(JOURNAL_PAGE_SIZE)
    .offset((page - 1) * JOURNAL_PAGE_SIZE);
  return {
    total: Number(total),
    page,
    pageCount,
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      actionLabel: auditActionLabel(r.action),
      actor: r.actorEmail,
      target: targetLabel(r),
      details: describeAuditMeta(r.meta),
    })),
  };
}

// A dossier is named by its number (no personal data); a deleted target by its kind.
function targetLabel(r: { targetType: string | null; targetEmail: string | null; targetTitle: string | null; targetDossierNumber: string | null }): string | null {
  if (r.targetEmail) return r.targetEmail;
  if (r.targetTitle) return `Démarche « ${r.targetTitle} »`;
  if (r.targetDossierNumber) return `Dossier n° ${r.targetDossierNumber}`;
  return r.targetType ? `${r.targetType} (supprimé)` : null;
}
