import 'server-only';
import { count, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '@/db/client';
import { auditLog, dossiers, users } from '@/db/schema';
import { journalActionLabel, journalTargetLabel } from './journal-labels';
import { canReadJournal } from './rules';
import type { BackOfficeUser } from './scope';

// "Journal" (administrators only): the audit log, newest first. The entries' meta is not shown:
// it is for investigations in the database, and may name what a screen has no need to show.

export const JOURNAL_PAGE_SIZE = 50;

export type JournalEntry = {
  id: number;
  at: Date;
  action: string;
  actionLabel: string;
  actor: string | null;
  target: { label: string | null; id: string | null; dossierNumber: string | null };
};

export type JournalPage = { entries: JournalEntry[]; page: number; pageCount: number; total: number };

/** Null for anyone but an administrator. */
export async function listJournal(db: Executor, user: BackOfficeUser, requestedPage: number): Promise<JournalPage | null> {
  if (!canReadJournal(user.role)) return null;
  const [{ total }] = await db.select({ total: count() }).from(auditLog);
  const pageCount = Math.max(1, Math.ceil(total / JOURNAL_PAGE_SIZE));
  const page = Math.min(Math.max(1, requestedPage), pageCount);
  const actor = alias(users, 'actor');
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.createdAt,
      action: auditLog.action,
      actorEmail: actor.email,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      dossierNumber: dossiers.number,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    // Dossier targets get their readable number (target ids are text: compare as text).
    .leftJoin(dossiers, sql`${auditLog.targetType} = 'dossier' and ${auditLog.targetId} = ${dossiers.id}::text`)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(JOURNAL_PAGE_SIZE)
    .offset((page - 1) * JOURNAL_PAGE_SIZE);
  return {
    total,
    page,
    pageCount,
    entries: rows.map((row) => ({
      id: row.id,
      at: row.at,
      action: row.action,
      actionLabel: journalActionLabel(row.action),
      actor: row.actorEmail,
      target: { label: journalTargetLabel(row.targetType), id: row.targetId, dossierNumber: row.targetType === 'dossier' ? row.dossierNumber : null },
    })),
  };
}
