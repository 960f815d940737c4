import 'server-only';
import type { AccountContext } from './context';
import { endAllSessions } from './credentials';
import { findSessionUser } from './users';

/**
 * "Se déconnecter de tous les appareils" that keeps this device signed in: every session ends,
 * and the caller re-issues its own cookie with the returned version (lib/auth/guards.ts reissueCurrentSession).
 */
export async function endOtherSessions(ctx: AccountContext, userId: string): Promise<number | null> {
  await endAllSessions(ctx, userId, 'account.signout_everywhere');
  const user = await findSessionUser(ctx.db, userId);
  return user?.sessionVersion ?? null;
}
