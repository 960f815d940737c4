'use client';

import { useActionState, type ReactNode } from 'react';
import type { ButtonVariant } from '@/components/ui';
import { Alert, ErrorSummary } from '@/components/ui';
import { summaryItems, type FormAction } from '@/components/forms/form-state';
import { SubmitButton } from '@/components/forms/form-feedback';

export type InlineActionFormProps = {
  action: FormAction;
  hidden: Record<string, string>;
  submitLabel: string;
  variant?: ButtonVariant;
  /** Field name → id of the control, for the error links. */
  fields?: Record<string, string>;
  /** Visible controls (server-rendered), placed before the button. */
  children?: ReactNode;
  className?: string;
};

/** A small form (assign, change role, withdraw, publish): its errors show right above it and take focus; a success message too. */
export function InlineActionForm({ action, hidden, submitLabel, variant = 'secondary', fields = {}, children, className }: InlineActionFormProps) {
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok;
  return (
    <div className={className}>
      {state?.ok && state.message ? (
        <Alert tone="success">
          <p>{state.message}</p>
        </Alert>
      ) : null}
      {failed ? <ErrorSummary errors={summaryItems(state, fields)} formError={state.formError} title="Cette action n’a pas été faite" /> : null}
      <form action={formAction} noValidate className="flex flex-wrap items-end gap-x-4 gap-y-2">
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {children}
        <div className="mb-6">
          <SubmitButton variant={variant}>{submitLabel}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
