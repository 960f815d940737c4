'use client';

import { useState } from 'react';
import { get, type FieldErrors } from 'react-hook-form';
import type { ErrorSummaryItem } from '@/components/ui';
import type { Field } from '@/lib/procedures/definition';
import { errorKeysOf } from './fields';
import { controlIdOf } from './form-values';
import type { StepOutcome } from './step-form-state';

function summarize(fields: Field[], messageOf: (errorKey: string) => string | undefined): ErrorSummaryItem[] {
  return fields.flatMap((field) =>
    errorKeysOf(field).flatMap((key) => {
      const message = messageOf(key);
      return message ? [{ fieldId: controlIdOf(key), message }] : [];
    }),
  );
}

function messageOf(errors: FieldErrors, key: string): string | undefined {
  const message = (get(errors, key) as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message ? message : undefined;
}

/**
 * The step's errors: react-hook-form's (blur, submit) first; the server's until the next browser
 * check. `attempt` changes with every refused submission, so the summary takes focus again.
 */
export function useStepErrors(rhfErrors: FieldErrors, outcome: StepOutcome | undefined, visibleInputs: Field[]) {
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [attempt, setAttempt] = useState(0);
  const serverErrors = outcome?.kind === 'invalid' || outcome?.kind === 'revealed' || outcome?.kind === 'files' ? outcome.fieldErrors : {};
  const errorOf = (key: string) => messageOf(rhfErrors, key) ?? (clientErrors ? undefined : serverErrors[key]?.[0]);
  const summary = clientErrors ? summarize(visibleInputs, (key) => messageOf(clientErrors, key)) : summarize(visibleInputs, (key) => serverErrors[key]?.[0]);
  /** Errors found in the browser before sending (null: none, show the server's). */
  const refuse = (errors: FieldErrors) => {
    setClientErrors(errors);
    setAttempt((n) => n + 1);
  };
  return { errorOf, summary, summaryKey: `${attempt}-${clientErrors ? 'client' : 'server'}`, refuse, clear: () => setClientErrors(null) };
}
