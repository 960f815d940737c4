'use client';

import { useActionState } from 'react';
import { FormFeedback, SubmitButton } from './form-feedback';
import type { FormAction } from './form-state';

/** "Se déconnecter de tous les appareils": every other session ends, this one stays signed in. */
export function SignOutEverywhereForm({ action }: { action: FormAction }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <>
      <FormFeedback state={state} fields={{}} />
      <form action={formAction}>
        <SubmitButton variant="secondary">Se déconnecter de tous les appareils</SubmitButton>
      </form>
    </>
  );
}
