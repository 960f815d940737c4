import 'server-only';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { notifications } from '@/db/schema';

export async function countUnreadNotifications(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export type NotificationItem = { id: string; title: string; body: string; link: string | null; read: boolean; createdAt: Date };

/** The user's notifications, newest first (owner-scoped). */
export async function listNotifications(db: Executor, userId: string, limit = 50): Promise<NotificationItem[]> {
  const rows = await db
    .select({ id: notifications.id, title: notifications.title, body: notifications.body, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
  return rows.map(({ readAt, ...row }) => ({ ...row, read: readAt !== null }));
}

export async function markAllNotificationsRead(db: Executor, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Opening a request marks its notifications as read: the citizen has seen what they announced. */
export async function markDossierNotificationsRead(db: Executor, userId: string, dossierId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), eq(notifications.dossierId, dossierId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
