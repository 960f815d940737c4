'use client';

import { useSyncExternalStore } from 'react';
import { useFormStatus } from 'react-dom';
import { Button, ErrorSummary, type ButtonVariant } from '@/components/ui';
import { formError, summaryItems, type FormState } from './form-state';

// A number per action result: with JavaScript, a second rejected submit with the same errors
// remounts the summary, so focus moves to it again (GOV.UK pattern).
const attempts = new WeakMap<object, number>();
let lastAttempt = 0;
function attemptOf(state: FormState): number {
  if (!state) return 0;
  if (!attempts.has(state)) attempts.set(state, ++lastAttempt);
  return attempts.get(state)!;
}

const subscribeToNothing = () => () => {};

export type RelationFormErrorsProps = {
  state: FormState;
  /** Field name → id of the control the summary links to, in page order. */
  fields: Record<string, string>;
  /** The page's full document title: it starts with "Erreur : " while errors show (GOV.UK/DSFR). */
  documentTitle: string;
};

export function RelationFormErrors({ state, fields, documentTitle }: RelationFormErrorsProps) {
  // In the server HTML a rendered <title> would come after Next's and change nothing: browser only.
  const inBrowser = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  const errors = summaryItems(state, fields);
  const message = formError(state);
  const failed = errors.length > 0 || !!message;
  return (
    <>
      {failed && inBrowser ? <title>{`Erreur : ${documentTitle}`}</title> : null}
      <ErrorSummary key={attemptOf(state)} errors={errors} formError={message} />
    </>
  );
}

/** Submit button that cannot be pressed twice while the action runs. */
export function SubmitButton({ children, variant = 'primary' }: { children: string; variant?: ButtonVariant }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} disabled={pending}>
      {children}
    </Button>
  );
}
