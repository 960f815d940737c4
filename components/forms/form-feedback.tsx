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
