// What a server action hands back to its form (useActionState). Shared by the action layer and the
// client forms (types and pure helpers only: no server-only import here).

export type ActionResult<T = void> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; formError?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

/** A failure as a form shows it: above the form (formError) and/or beside its controls (fieldErrors). */
export type ActionFailure = Extract<ActionResult<never>, { ok: false }>;

export const SESSION_EXPIRED_MESSAGE = 'Votre session a expiré ou vous avez été déconnecté. Reconnectez-vous pour continuer : vos saisies ne sont pas perdues.';

// Never echoed back into the page: passwords and anything secret-looking.
const SECRET_FIELD = /password|token|secret/i;

/** What was typed, to fill the form again after a failure; never a secret, never a file. */
export function echoValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === 'string' && !key.startsWith('$') && !SECRET_FIELD.test(key)) values[key] = value;
  }
  return values;
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

/** The failure with what was typed, so the form shows it again instead of the stored values. */
export function withEcho<F extends { ok: false }>(failure: F, formData: FormData): F & { values: Record<string, string> } {
  return { ...failure, values: echoAllValues(formData) };
}
