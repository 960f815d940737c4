import 'server-only';
import { notFound } from 'next/navigation';
import type { z } from 'zod';
import { invalidInput, parseForm, SESSION_EXPIRED_MESSAGE, type ActionResult } from '@/lib/auth/action';
import { getCurrentUser, type CurrentUser } from '@/lib/auth/guards';
import { isBackOfficeRole } from './rules';

/**
 * Wraps a back-office server action: a signed-in agent or administrator (a citizen gets the same
 * 404 as the pages), the form parsed with the shared zod schema, expected failures returned.
 */
export function agentAction<S extends z.ZodType, T = void>(
  schema: S,
  handler: (input: z.infer<S>, user: CurrentUser, formData: FormData) => Promise<ActionResult<T>>,
) {
  return async (_previous: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, formError: SESSION_EXPIRED_MESSAGE };
    if (!isBackOfficeRole(user.role)) notFound();
    const parsed = parseForm(schema, formData);
    if (!parsed.success) return invalidInput(parsed.error, formData);
    return handler(parsed.data, user, formData);
  };
}
