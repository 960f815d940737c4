import { clearSessionCookies, readSessionClaims, renewSessionIfDue } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { autosaveBodySchema, isJsonContentType, isSameOrigin, readBodyWithLimit } from '@/lib/dossiers/autosave-request';
import { saveDraftAnswers } from '@/lib/dossiers/save-draft-answers';
import { getEnv } from '@/lib/env';
import { getPeerAddressHeader } from '@/lib/platform/peer-address';
import { AUTOSAVE_MAX_BYTES } from '@/lib/procedures/answers';
import { countAutosave, type AutosaveOutcome } from '@/lib/platform/metrics';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

// Outcomes for /api/metrics: a 2xx saved, a 409 a conflict the user resolves, any other 4xx refused.
function outcomeOf(status: number): AutosaveOutcome {
  return status < 300 ? 'saved' : status === 409 ? 'conflict' : 'refused';
}

function reply(status: number, body: Record<string, unknown>): Response {
  countAutosave(outcomeOf(status));
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** A refused session gets nothing back but its cookie cleared. */
async function refuseSession(): Promise<Response> {
  await clearSessionCookies();
  return reply(401, { error: 'unauthenticated' });
}

/**
 * Autosave of a draft: `{ baseVersion, changes }` → 200 `{ version, savedAt }`, or 409 with what
 * is stored now. Someone else's draft is a 404, exactly like an unknown id.
 */
export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  const { publicOrigin, TRUSTED_PROXIES } = getEnv();
  if (!isSameOrigin(request, publicOrigin, { peerAddressHeader: getPeerAddressHeader(), trustedProxies: TRUSTED_PROXIES })) {
    // Retrying cannot help: the page says so and links to the public address (publicOrigin).
    return reply(403, { error: 'forbidden-origin', publicOrigin });
  }
  // The session is checked against the database by the save itself, in the same statement.
  const session = await readSessionClaims();
  if (!session) return refuseSession();
  if (!isJsonContentType(request)) return reply(415, { error: 'unsupported-media-type' });

  const body = await readBodyWithLimit(request, AUTOSAVE_MAX_BYTES);
  if (!body.ok) return reply(413, { error: 'too-large', maxBytes: AUTOSAVE_MAX_BYTES });
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return reply(400, { error: 'malformed' });
  }
  const parsed = autosaveBodySchema.safeParse(json);
  if (!parsed.success) return reply(400, { error: 'invalid', message: 'Attendu : { baseVersion: entier ≥ 1, changes: objet }.' });

  const { id } = await params;
  const result = await saveDraftAnswers(await getDb(), session.userId, id, parsed.data, { version: session.sessionVersion });
  if (result.ok) {
    // The save just found the session valid: typing keeps it alive, as navigation does in the proxy.
    await renewSessionIfDue();
    return reply(200, { version: result.version, savedAt: result.savedAt.toISOString() });
  }
  switch (result.reason) {
    case 'not-found':
      return reply(404, { error: 'not-found' });
    case 'conflict':
      return reply(409, { error: 'conflict', version: result.version, data: result.data });
    case 'invalid':
      return reply(400, { error: 'invalid', message: result.message });
    case 'session-ended':
      return refuseSession();
  }
}
