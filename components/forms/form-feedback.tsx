'use client';

import { useSyncExternalStore } from 'react';
import { useFormStatus } from 'react-dom';
import { Alert, Button, ErrorSummary, type ButtonVariant, type ErrorSummaryItem } from '@/components/ui';
import { formError, summaryItems, type FormState } from '@/components/forms/form-state';

const subscribeToNothing = () => () => {};

export type FeedbackSummary = { errors: ErrorSummaryItem[]; formError?: string; key?: string };

/** The error summary of a server action's result. */
export function summaryOf(state: FormState, fields: Record<string, string>): FeedbackSummary {
  return { errors: summaryItems(state, fields), formError: formError(state) };
}

/**
 * Above a form: the error summary (focused, linked to the fields) or the success message.
 * While errors are shown the page title starts with "Erreur : " (GOV.UK/DSFR): in the browser React
 * places a rendered <title> before the page's own, so it wins, and removes it with the errors.
 * Not in the server HTML, where it would only add a second <title> after Next's.
 */
export function FormFeedback({ summary, success, documentTitle }: { summary: FeedbackSummary; success?: string; documentTitle: string }) {
  const inBrowser = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  const failed = summary.errors.length > 0 || !!summary.formError;
  return (
    <>
      {failed && inBrowser ? <title>{`Erreur : ${documentTitle}`}</title> : null}
      <ErrorSummary key={summary.key} errors={summary.errors} formError={summary.formError} />
      {success ? (
        <Alert tone="success">
          <p>{success}</p>
        </Alert>
      ) : null}
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

// A number per action result: a second rejected submit with the same errors remounts the summary,
// so focus moves to it again (GOV.UK pattern).
const attempts = new WeakMap<object, number>();
let lastAttempt = 0;
function attemptOf(state: FormState): number {
  if (!state) return 0;
  if (!attempts.has(state)) attempts.set(state, ++lastAttempt);
  return attempts.get(state)!;
}

export type ActionFeedbackProps = {
  state: FormState;
  /** Field name → id of the control the summary links to, in page order. */
  fields: Record<string, string>;
  /** The page's full document title: it starts with "Erreur : " while errors show (GOV.UK/DSFR). */
  documentTitle: string;
  /** Every message of these fields is listed (the JSON editor's definition errors), not only the first. */
  listAll?: string[];
  /** Show the action's success message (role="status") when the form stays on its page. */
  withSuccess?: boolean;
};

/** Above a form posted to a server action: the error summary of its result, or its success message. */
export function ActionFeedback({ state, fields, documentTitle, listAll = [], withSuccess = false }: ActionFeedbackProps) {
  const summary = summaryOf(state, fields);
  if (state && !state.ok && state.fieldErrors) {
    const extra: ErrorSummaryItem[] = listAll.flatMap((name) => (state.fieldErrors?.[name] ?? []).slice(1).map((message) => ({ fieldId: fields[name] ?? name, message })));
    summary.errors = [...summary.errors, ...extra];
  }
  const success = withSuccess && state?.ok ? state.message : undefined;
  return <FormFeedback summary={{ ...summary, key: String(attemptOf(state)) }} success={success} documentTitle={documentTitle} />;
}
