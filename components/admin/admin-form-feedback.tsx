'use client';

import { FormFeedback, summaryOf } from '@/components/forms/form-feedback';
import type { FormState } from '@/components/forms/form-state';
import type { ErrorSummaryItem } from '@/components/ui';

export { SubmitButton } from '@/components/forms/form-feedback';

// A number per action result: a second rejected submit with the same errors remounts the summary,
// so focus moves to it again (GOV.UK pattern).
const attempts = new WeakMap<object, number>();
let lastAttempt = 0;
function attemptOf(state: FormState): number {
  if (!state) return 0;
  if (!attempts.has(state)) attempts.set(state, ++lastAttempt);
  return attempts.get(state)!;
}

export type AdminFormFeedbackProps = {
  state: FormState;
  /** Field name → id of the control the summary links to, in page order. */
  fields: Record<string, string>;
  documentTitle: string;
  /** Every message of these fields is listed (the JSON editor's definition errors), not only the first. */
  listAll?: string[];
};

/** Error summary (focused, linked to the fields) or success message (role="status") above an administration form. */
export function AdminFormFeedback({ state, fields, documentTitle, listAll = [] }: AdminFormFeedbackProps) {
  const summary = summaryOf(state, fields);
  if (state && !state.ok && state.fieldErrors) {
    const extra: ErrorSummaryItem[] = listAll.flatMap((name) => (state.fieldErrors?.[name] ?? []).slice(1).map((message) => ({ fieldId: fields[name] ?? name, message })));
    summary.errors = [...summary.errors, ...extra];
  }
  return <FormFeedback summary={{ ...summary, key: String(attemptOf(state)) }} success={state?.ok ? state.message : undefined} documentTitle={documentTitle} />;
}
