import type { ErrorSummaryItem } from '@/components/ui';
import type { ActionResult } from '@/lib/actions/result';

// Reading a server action's result in the plain forms (account, relations). Pure: used by client components.

export type FormState = ActionResult | null;
export type FormAction = (previous: FormState, formData: FormData) => Promise<ActionResult>;

export function fieldError(state: FormState, name: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[name] : undefined;
}

/** The value to show: what was just posted after an error (never a password), else the saved one. */
export function shownValue(state: FormState, name: string, saved: string | null | undefined): string {
  if (state && !state.ok && state.values) return state.values[name] ?? '';
  return saved ?? '';
}

/** Whether a checkbox is ticked: as just posted after an error, else as saved. */
export function shownChecked(state: FormState, name: string, saved: boolean): boolean {
  if (state && !state.ok && state.values) return state.values[name] === 'on';
  return saved;
}

/**
 * Error summary items in the order of the fields on the page (`fields`: name → id of the control
 * to focus); errors about unknown fields are listed last, pointing at the form.
 */
export function summaryItems(state: FormState, fields: Record<string, string>): ErrorSummaryItem[] {
  if (!state || state.ok || !state.fieldErrors) return [];
  const errors = state.fieldErrors;
  const known = Object.keys(fields).filter((name) => errors[name]?.length);
  const unknown = Object.keys(errors).filter((name) => !(name in fields) && errors[name]?.length);
  return [...known, ...unknown].map((name) => ({ fieldId: fields[name] ?? name, message: errors[name]![0] }));
}

export function formError(state: FormState): string | undefined {
  return state && !state.ok ? state.formError : undefined;
}

export function successMessage(state: FormState): string | undefined {
  return state?.ok ? state.message : undefined;
}
