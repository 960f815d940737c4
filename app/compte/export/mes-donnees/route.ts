import { getAccountContext } from '@/lib/accounts/app-context';
import { exportAccountData } from '@/lib/accounts/export';
import { recordAudit } from '@/lib/audit';
import { getCurrentUser } from '@/lib/auth/guards';

export const dynamic = 'force-dynamic';

const SIGN_IN = `/connexion?callbackUrl=${encodeURIComponent('/compte/export')}`;

/** The citizen's own data as a JSON download (right of access and portability). */
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return new Response(null, { status: 303, headers: { Location: SIGN_IN, 'Cache-Control': 'no-store' } });
  const { db } = await getAccountContext();
  const data = await exportAccountData(db, user.id);
  if (!data) return new Response(null, { status: 303, headers: { Location: SIGN_IN, 'Cache-Control': 'no-store' } });
  await recordAudit(db, { action: 'account.data_exported', actorId: user.id, targetType: 'user', targetId: user.id });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="mes-donnees-portail.json"',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
