'use client';

import { useFormStatus } from 'react-dom';
import { Alert, Button, ErrorSummary, type ButtonVariant } from '@/components/ui';
import { formError, successMessage, summaryItems, type FormState } from './form-state';

/** Above a form: the error summary (focused, linked to the fields) or the success message. */
export function FormFeedback({ state, fields }: { state: FormState; fields: Record<string, string> }) {
  const success = successMessage(state);
  return (
    <>
      <ErrorSummary errors={summaryItems(state, fields)} formError={formError(state)} />
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
