'use client';

import { useActionState, useEffect, useRef, type FormEvent } from 'react';
import { Button, Checkbox, ErrorSummary } from '@/components/ui';
import type { ActionResult } from '@/lib/actions/result';

export type SubmitFormState = ActionResult | null;
export type SubmitFormAction = (previous: SubmitFormState, formData: FormData) => Promise<SubmitFormState>;

export const CERTIFICATION_LABEL = 'Je certifie sur l’honneur l’exactitude des informations fournies.';

/**
 * The sworn statement and "Déposer ma demande". The action's field errors are keyed by the id of
 * the element to reach: "certification", or the "Compléter l'étape" link of a step at fault.
 * A second click while the first is on its way does nothing (the server files once anyway).
 */
export function SubmitDossierForm({ action, dossierId, baseVersion }: { action: SubmitFormAction; dossierId: string; baseVersion: number }) {
  const [state, formAction, pending] = useActionState(action, null);
  const sent = useRef(false);
  useEffect(() => {
    sent.current = false;
  }, [state]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (sent.current) event.preventDefault();
    sent.current = true;
  }

  const failure = state && !state.ok ? state : null;
  const errors = Object.entries(failure?.fieldErrors ?? {}).flatMap(([fieldId, messages]) => (messages[0] ? [{ fieldId, message: messages[0] }] : []));
  return (
    <>
      <ErrorSummary errors={pending ? [] : errors} formError={pending ? undefined : failure?.formError} />
      <form action={formAction} onSubmit={onSubmit} noValidate className="max-w-2xl">
        <input type="hidden" name="dossierId" value={dossierId} />
        <input type="hidden" name="baseVersion" value={baseVersion} />
        <Checkbox
          name="certification"
          value="oui"
          label={CERTIFICATION_LABEL}
          required
          defaultChecked={failure?.values?.certification === 'oui'}
          error={failure?.fieldErrors?.certification}
        />
        <Button type="submit" disabled={pending}>
          Déposer ma demande
        </Button>
      </form>
    </>
  );
}
