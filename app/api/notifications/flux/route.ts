import { clearSessionCookies, getCurrentUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { openEventStream } from '@/lib/notifications/event-stream';
import { liveKeys } from '@/lib/notifications/live';
import { countUnreadNotifications } from '@/lib/notifications/queries';

export const dynamic = 'force-dynamic';

/** Server-Sent Events for the signed-in citizen's open pages: each new notification, with the unread count. */
export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) {
    // A refused session gets nothing back but its cookie cleared.
    await clearSessionCookies();
    return new Response(null, { status: 401, headers: { 'Cache-Control': 'no-store' } });
  }
  return openEventStream(request, {
    key: liveKeys.user(user.id),
    describe: async (event) => ({ kind: event.kind, dossierId: event.dossierId, unread: await countUnreadNotifications(await getDb(), user.id) }),
  });
}
