import 'server-only';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { echoValues, SESSION_EXPIRED_MESSAGE, type ActionResult } from './action';
import { getCurrentUser, type CurrentUser } from './guards';

// Zod's own messages (missing value, wrong type) in French; the schemas' custom messages take precedence.
const frenchErrors = z.locales.fr().localeError;

/** Form fields as an object; a name posted several times (checkboxes) becomes an array. */
export function readFormData(formData: FormData): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of formData) {
    if (key.startsWith('$') || typeof value !== 'string') continue;
    const previous = raw[key];
    raw[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return raw;
}

/** Like echoValues, but a name posted several times (checkboxes) comes back as its values joined by newlines. */
export function echoAllValues(formData: FormData): Record<string, string> {
  const values = echoValues(formData);
  for (const name of Object.keys(values)) {
    const all = formData.getAll(name).filter((v): v is string => typeof v === 'string');
    if (all.length > 1) values[name] = all.join('\n');
  }
  return values;
}

export type AdminActionOptions = {
  /** Reshapes the flat form fields before validation (lists of rows). */
  read?: (raw: Record<string, unknown>) => unknown;
  /** The form control an issue path belongs to; defaults to the first path segment. */
  fieldName?: (path: PropertyKey[]) => string;
};

export function fieldErrorsOf(error: z.ZodError, fieldName: (path: PropertyKey[]) => string = (path) => String(path[0] ?? 'form')) {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[fieldName(issue.path)] ??= []).push(issue.message);
  return fieldErrors;
}

/**
 * Wraps a server action of the administration pages. The role is checked on every call (a page
 * guard does not protect its actions): a signed-out user is told to sign in again, anyone else
 * who is not an administrator gets the same 404 as the pages. The use case checks the role again
 * in its own transaction.
 */
export function adminAction<S extends z.ZodType, T = void>(
  schema: S,
  handler: (input: z.infer<S>, user: CurrentUser, formData: FormData) => Promise<ActionResult<T>>,
  options: AdminActionOptions = {},
) {
  return async (_previous: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, formError: SESSION_EXPIRED_MESSAGE };
    if (user.role !== 'admin') notFound();
    const raw = readFormData(formData);
    const parsed = schema.safeParse(options.read ? options.read(raw) : raw, { error: frenchErrors });
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error, options.fieldName), values: echoAllValues(formData) };
    return handler(parsed.data, user, formData);
  };
}
