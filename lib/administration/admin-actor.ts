import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { users } from '@/db/schema';
import type { Role } from '@/db/schema';

/** Who performs an administration use case: the signed-in user, as the guard read it. */
export type AdminActor = { id: string; role: Role };

/** Thrown when a non-administrator reaches an administration use case: a bug or a forged call, never a user error. */
export class AdminRequiredError extends Error {
  constructor() {
    super('administrator role required');
    this.name = 'AdminRequiredError';
  }
}

/**
 * Authorization in the data layer: the role is read again from the database in the caller's
 * transaction, so a role withdrawn a second ago is already withdrawn here, whatever the session says.
 */
export async function assertAdmin(db: Executor, actor: AdminActor): Promise<void> {
  if (actor.role !== 'admin') throw new AdminRequiredError();
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, actor.id), eq(users.role, 'admin')));
  if (!row) throw new AdminRequiredError();
}
