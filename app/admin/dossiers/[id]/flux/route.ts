import { clearSessionCookies, getCurrentUser } from '@/lib/auth/guards';
import { findDossierRefInScope } from '@/lib/processing/queries';
import { isBackOfficeRole } from '@/lib/processing/rules';
import { getDb } from '@/lib/db';
import { openEventStream } from '@/lib/notifications/event-stream';
import { liveKeys } from '@/lib/notifications/live';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** Server-Sent Events for an agent's open dossier page: a citizen's reply, another agent's change. 404 out of scope. */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  const user = await getCurrentUser();
  if (!user) {
    // A refused session gets nothing back but its cookie cleared.
    await clearSessionCookies();
    return new Response(null, { status: 401, headers: { 'Cache-Control': 'no-store' } });
  }
  if (!isBackOfficeRole(user.role) || !(await findDossierRefInScope(await getDb(), { id: user.id, role: user.role }, id))) {
    return new Response(null, { status: 404, headers: { 'Cache-Control': 'no-store' } });
  }
  return openEventStream(request, { key: liveKeys.dossier(id), describe: async (event) => ({ kind: event.kind }) });
}
