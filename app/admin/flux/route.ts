import { clearSessionCookies, getCurrentUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { openEventStream } from '@/lib/notifications/event-stream';
import { liveKeys } from '@/lib/notifications/live';
import { findDossierRefInScope } from '@/lib/processing/queries';
import { isBackOfficeRole } from '@/lib/processing/rules';
import { AGENT_UNREAD_KINDS } from '@/lib/dossiers/event-kinds';

export const dynamic = 'force-dynamic';

/**
 * Server-Sent Events for the back-office queue: a citizen's message or answer on a dossier in the
 * agent's scope (the list's "Réponse non lue" marker and the navigation's count). Events of other
 * procedures are dropped here, by the same scope query as the dossier page. 404 to citizens.
 */
export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) {
    await clearSessionCookies();
    return new Response(null, { status: 401, headers: { 'Cache-Control': 'no-store' } });
  }
  if (!isBackOfficeRole(user.role)) return new Response(null, { status: 404, headers: { 'Cache-Control': 'no-store' } });
  const agent = { id: user.id, role: user.role };
  return openEventStream(request, {
    key: liveKeys.backOffice(),
    describe: async (event) => {
      if (!event.dossierId || !AGENT_UNREAD_KINDS.includes(event.kind)) return null;
      // Fail closed: openEventStream sends an event whose description failed, and a failed scope
      // check must not tell this agent about another procedure's dossier.
      const inScope = await findDossierRefInScope(await getDb(), agent, event.dossierId).catch(() => null);
      return inScope ? { kind: event.kind } : null;
    },
  });
}
