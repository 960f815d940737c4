import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { z } from 'zod';
import { getCurrentUser, safeCallbackPath, type CurrentUser } from '@/lib/auth/guards';
import { echoAllValues, SESSION_EXPIRED_MESSAGE, type ActionResult } from './result';

/**
 * Who may call an action. `citizen` is any signed-in account (agents have a personal space too);
 * `back-office` an agent or an administrator; `admin` an administrator only.
 */
export type ActionRole = 'public' | 'citizen' | 'back-office' | 'admin';

/** The acting user a handler receives: nobody for public actions. */
export type ActorOf<R extends ActionRole> = R extends 'public' ? null : CurrentUser;

// Zod's own messages (missing value, wrong type) in French; the schemas' custom messages take precedence.
const frenchErrors = z.locales.fr().localeError;

export type ParseOptions = {
  /** Reshapes the flat form fields before validation (lists of rows). */
  read?: (raw: Record<string, unknown>) => unknown;
  /** The form control an issue path belongs to; defaults to the first path segment. */
  fieldName?: (path: PropertyKey[]) => string;
};

export type ActionOptions<R extends ActionRole, S extends z.ZodType> = ParseOptions & {
  role: R;
  schema: S;
  /** Give the typed values back after invalid input (default). Off for forms whose fields are all secrets (codes). */
  echo?: boolean;
};

/** Form fields as an object; a name posted several times (checkboxes) becomes an array. Names starting with `$` are React's. */
export function readFormData(formData: FormData): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of formData) {
    if (key.startsWith('$')) continue;
    const previous = raw[key];
    raw[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return raw;
}

export function fieldErrorsOf(error: z.ZodError, fieldName: (path: PropertyKey[]) => string = (path) => String(path[0] ?? 'form')) {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[fieldName(issue.path)] ??= []).push(issue.message);
  return fieldErrors;
}

/** Validates a posted form with its shared schema: repeated names as arrays, zod's own messages in French. */
export function parseFormData<S extends z.ZodType>(schema: S, formData: FormData, options: ParseOptions = {}) {
  const raw = readFormData(formData);
  const parsed = schema.safeParse(options.read ? options.read(raw) : raw, { error: frenchErrors });
  if (parsed.success) return { ok: true as const, data: parsed.data as z.output<S> };
  return { ok: false as const, fieldErrors: fieldErrorsOf(parsed.error, options.fieldName) };
}

function hasRole(role: ActionRole, user: CurrentUser): boolean {
  if (role === 'admin') return user.role === 'admin';
  if (role === 'back-office') return user.role === 'agent' || user.role === 'admin';
  return true;
}

/**
 * The session and role check of every action (a page-level check does not protect its actions).
 * Signed out: 'signed-out', each wrapper says so in its own way. Signed in with the wrong role: the same 404
 * as the pages, so the back office cannot be probed.
 */
async function actorFor<R extends ActionRole>(role: R): Promise<ActorOf<R> | 'signed-out'> {
  if (role === 'public') return null as ActorOf<R>;
  const user = await getCurrentUser();
  if (!user) return 'signed-out';
  if (!hasRole(role, user)) notFound();
  return user as ActorOf<R>;
}

/** A form action's state: an ActionResult, possibly with a few page-specific flags (`linkExpired`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyResult = ActionResult<any>;

export type FormAction<Result extends AnyResult> = (previous: Result | null, formData: FormData) => Promise<Result>;

/**
 * The one wrapper of form actions (useActionState): session, role, parsing, then the use case.
 * Expected failures come back as an ActionResult; redirect() and notFound() pass through.
 */
export function defineAction<R extends ActionRole, S extends z.ZodType, Result extends AnyResult = ActionResult>(
  options: ActionOptions<R, S>,
  handler: (input: z.output<S>, user: ActorOf<R>, formData: FormData) => Promise<Result>,
): FormAction<Result> {
  return async (_previous, formData) => {
    const user = await actorFor(options.role);
    if (user === 'signed-out') return { ok: false, formError: SESSION_EXPIRED_MESSAGE } as Result;
    const parsed = parseFormData(options.schema, formData, options);
    if (!parsed.ok) {
      const values = options.echo === false ? undefined : echoAllValues(formData);
      return (values ? { ok: false, fieldErrors: parsed.fieldErrors, values } : { ok: false, fieldErrors: parsed.fieldErrors }) as Result;
    }
    return handler(parsed.data, user, formData);
  };
}

/** Where a signed-out visitor is sent: the sign-in page, then back to `returnTo` (a same-site path). */
export function signInPath(returnTo: string): string {
  return `/connexion?callbackUrl=${encodeURIComponent(safeCallbackPath(returnTo))}`;
}

export type FormPostOptions<R extends ActionRole, S extends z.ZodType> = ParseOptions & {
  role: R;
  schema: S;
  /** Where a malformed post goes (checked before the session: such a post names nothing to come back to). */
  invalid?: () => never;
  /** Where a signed-out visitor goes: a full path, usually signInPath(...). */
  signedOut?: (input: z.output<S>) => string;
};

/**
 * The variant for plain form posts that end in a redirect (`<form action={fn}>`, no returned
 * state): the same role check and parsing; signed out, the visitor is sent to sign in.
 */
export function defineFormPost<R extends ActionRole, S extends z.ZodType>(
  options: FormPostOptions<R, S>,
  handler: (input: z.output<S>, user: ActorOf<R>, formData: FormData) => Promise<void>,
): (formData?: FormData) => Promise<void> {
  return async (formData = new FormData()) => {
    const parsed = parseFormData(options.schema, formData, options);
    if (!parsed.ok) {
      if (options.invalid) options.invalid();
      notFound();
    }
    const user = await actorFor(options.role);
    if (user === 'signed-out') redirect(options.signedOut ? options.signedOut(parsed.data) : signInPath('/'));
    await handler(parsed.data, user, formData);
  };
}

// Thin names over the one implementation.

export function publicAction<S extends z.ZodType, T = void>(
  schema: S,
  handler: (input: z.output<S>, formData: FormData) => Promise<ActionResult<T>>,
  options: ParseOptions & { echo?: boolean } = {},
) {
  return defineAction<'public', S, ActionResult<T>>({ ...options, role: 'public', schema }, (input, _user, formData) => handler(input, formData));
}

export function citizenAction<S extends z.ZodType, T = void>(
  schema: S,
  handler: (input: z.output<S>, user: CurrentUser, formData: FormData) => Promise<ActionResult<T>>,
  options: ParseOptions = {},
) {
  return defineAction<'citizen', S, ActionResult<T>>({ ...options, role: 'citizen', schema }, handler);
}

export function agentAction<S extends z.ZodType, T = void>(
  schema: S,
  handler: (input: z.output<S>, user: CurrentUser, formData: FormData) => Promise<ActionResult<T>>,
  options: ParseOptions = {},
) {
  return defineAction<'back-office', S, ActionResult<T>>({ ...options, role: 'back-office', schema }, handler);
}

export function adminAction<S extends z.ZodType, T = void>(
  schema: S,
  handler: (input: z.output<S>, user: CurrentUser, formData: FormData) => Promise<ActionResult<T>>,
  options: ParseOptions = {},
) {
  return defineAction<'admin', S, ActionResult<T>>({ ...options, role: 'admin', schema }, handler);
}
