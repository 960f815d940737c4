import { Readable } from 'node:stream';
import { getAccountContext } from '@/lib/accounts/app-context';
import { openAccountArchive } from '@/lib/account-export/archive';
import { hasRecentAuthentication } from '@/lib/accounts/recent-authentication';
import { recordAudit } from '@/lib/audit';
import { getCurrentUser } from '@/lib/auth/guards';
import { consumeRateLimit, rateLimitKey } from '@/lib/security/rate-limit';
import { getEnv } from '@/lib/env';
import { getBlobStore } from '@/lib/storage';

export const dynamic = 'force-dynamic';

const noStore = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' };
const redirectTo = (location: string) => new Response(null, { status: 303, headers: { Location: location, ...noStore } });

/** The citizen's data and files as a ZIP, streamed; only within five minutes of a password confirmation. */
export async function GET() {
  const user = await getCurrentUser();
  if (!user) return redirectTo(`/connexion?callbackUrl=${encodeURIComponent('/compte/export')}`);
  if (!(await hasRecentAuthentication(user))) return redirectTo('/compte/export');
  const { db } = await getAccountContext();
  const limit = await consumeRateLimit(db, rateLimitKey('export', user.id), 5, 3600);
  if (!limit.allowed) {
    return new Response('Vous avez déjà téléchargé vos données plusieurs fois dans l’heure. Réessayez un peu plus tard.', {
      status: 429,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': String(limit.retryAfterSeconds), ...noStore },
    });
  }
  const archive = await openAccountArchive(db, getBlobStore(), user.id, { portalName: getEnv().PORTAL_NAME });
  if (!archive) return redirectTo('/connexion');
  await recordAudit(db, {
    action: 'account.data_exported',
    actorId: user.id,
    targetType: 'user',
    targetId: user.id,
    meta: { files: archive.fileCount, bytes: archive.totalBytes },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(Readable.toWeb(archive.stream) as ReadableStream, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="mes-donnees-${day}.zip"`,
      ...noStore,
    },
  });
}
