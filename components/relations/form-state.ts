import type { ErrorSummaryItem } from '@/components/ui';
import type { ActionResult } from '@/lib/auth/action';

// Reading a server action's result in the relation forms. Pure: used by client components.

export type FormState = ActionResult | null;
export type FormAction = (previous: FormState, formData: FormData) => Promise<FormState>;

export function fieldError(state: FormState, name: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[name] : undefined;
}

/** What was just posted after an error, else the saved value. */
export function shownValue(state: FormState, name: string, saved: string | undefined): string {
  if (state && !state.ok && state.values) return state.values[name] ?? '';
  return saved ?? '';
}

export function formError(state: FormState): string | undefined {
  return state && !state.ok ? state.formError : undefined;
}

/** Summary items in page order (`fields`: name → id of the control to focus); unknown fields last. */
export function summaryItems(state: FormState, fields: Record<string, string>): ErrorSummaryItem[] {
  if (!state || state.ok || !state.fieldErrors) return [];
  const errors = state.fieldErrors;
  const known = Object.keys(fields).filter((name) => errors[name]?.length);
  const unknown = Object.keys(errors).filter((name) => !(name in fields) && errors[name]?.length);
  return [...known, ...unknown].map((name) => ({ fieldId: fields[name] ?? name, message: errors[name]![0] }));
}
