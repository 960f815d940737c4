'use client';

import { FormFeedback, summaryOf } from '@/components/forms/form-feedback';
import type { FormState } from '@/components/forms/form-state';

export { SubmitButton } from '@/components/forms/form-feedback';

// A number per action result: a second rejected submit with the same errors remounts the
// summary, so focus moves to it again (GOV.UK pattern).
const attempts = new WeakMap<object, number>();
let lastAttempt = 0;
function attemptOf(state: FormState): number {
  if (!state) return 0;
  if (!attempts.has(state)) attempts.set(state, ++lastAttempt);
  return attempts.get(state)!;
}

export function DocumentFormErrors({ state, fields, documentTitle }: { state: FormState; fields: Record<string, string>; documentTitle: string }) {
  return <FormFeedback summary={{ ...summaryOf(state, fields), key: String(attemptOf(state)) }} documentTitle={documentTitle} />;
}
