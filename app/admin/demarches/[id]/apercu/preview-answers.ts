import 'server-only';
import { cookies } from 'next/headers';
import { getEnv } from '@/lib/env';
import type { Answers } from '@/lib/procedures/answers';
import type { ProcedureDefinition } from '@/lib/procedures/definition';
import { sanitizePreviewAnswers } from '@/lib/administration/procedures/preview';

// The preview's answers between its pages: a session cookie of this browser, scoped to the
// preview's path (decision 024). Never the database, never the URL. Tied to the revision it was
// typed on: any save of the working version starts the preview afresh.

const COOKIE = 'portail.apercu';
// Under the 4 KB browsers keep per cookie, with room for its name and attributes.
const MAX_BYTES = 3_600;

export const previewPath = (procedureId: string) => `/admin/demarches/${procedureId}/apercu`;

function options(procedureId: string) {
  // No maxAge: the cookie ends with the browser session.
  return { httpOnly: true, sameSite: 'lax' as const, secure: getEnv().publicOrigin.startsWith('https://'), path: previewPath(procedureId) };
}

export async function readPreviewAnswers(procedureId: string, revision: number, definition: ProcedureDefinition): Promise<Answers> {
  const raw = (await cookies()).get(COOKIE)?.value;
  if (!raw) return {};
  try {
    const stored = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { revision?: unknown; answers?: unknown };
    return stored.revision === revision ? sanitizePreviewAnswers(definition, stored.answers) : {};
  } catch {
    return {};
  }
}

/** Keeps the answers; those that would not fit in the cookie are left out (the last steps' first). */
export async function writePreviewAnswers(procedureId: string, revision: number, answers: Answers): Promise<void> {
  const kept: Answers = {};
  let value = encode(revision, kept);
  for (const [key, answer] of Object.entries(answers)) {
    const next = encode(revision, { ...kept, [key]: answer });
    if (next.length > MAX_BYTES) continue;
    kept[key] = answer;
    value = next;
  }
  (await cookies()).set(COOKIE, value, options(procedureId));
}

export async function clearPreviewAnswers(procedureId: string): Promise<void> {
  (await cookies()).set(COOKIE, '', { ...options(procedureId), maxAge: 0 });
}

function encode(revision: number, answers: Answers): string {
  return Buffer.from(JSON.stringify({ revision, answers }), 'utf8').toString('base64url');
}
