import 'server-only';
import { z } from 'zod';
import { getCurrentUser, type CurrentUser } from './guards';

export type ActionResult<T = void> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; formError?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

export const SESSION_EXPIRED_MESSAGE = 'Votre session a expiré ou vous avez été déconnecté. Reconnectez-vous pour continuer : vos saisies ne sont pas perdues.';

// Never echoed back into the page: passwords and anything secret-looking.
const SECRET_FIELD = /password|token|secret/i;

export function echoValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === 'string' && !key.startsWith('$') && !SECRET_FIELD.test(key)) values[key] = value;
  }
  return values;
}

export function invalidInput(error: z.ZodError, formData: FormData): ActionResult<never> {
  const fieldErrors = z.flattenError(error).fieldErrors as Record<string, string[]>;
  return { ok: false, fieldErrors, values: echoValues(formData) };
}

export function parseForm<S extends z.ZodType>(schema: S, formData: FormData) {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of formData) if (!key.startsWith('$')) raw[key] = value;
  return schema.safeParse(raw);
}

/**
 * Wraps a server action of the personal space: the session is checked (a page-level check does not
 * protect its actions), the form parsed with the shared zod schema, and expected failures returned.
 */
export function citizenAction<S extends z.ZodType, T = void>(
  schema: S,
  handler: (input: z.infer<S>, user: CurrentUser, formData: FormData) => Promise<ActionResult<T>>,
) {
  return async (_previous: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, formError: SESSION_EXPIRED_MESSAGE };
    const parsed = parseForm(schema, formData);
    if (!parsed.success) return invalidInput(parsed.error, formData);
    return handler(parsed.data, user, formData);
  };
}

// Per-client rate limits: the address comes from the socket or trusted proxies only (client-key.ts).
export { getClientKey } from '@/lib/security/client-key';
