'use client';

import { useActionState } from 'react';
import { FormFeedback, SubmitButton, summaryOf } from '@/components/forms/form-feedback';
import type { FormAction } from '@/components/forms/form-state';

/** "Se déconnecter de tous les appareils": the action redirects with a message; only failures come back here. */
export function SignOutEverywhereForm({ action, documentTitle }: { action: FormAction; documentTitle: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <>
      <FormFeedback summary={summaryOf(state, {})} documentTitle={documentTitle} />
      <form action={formAction}>
        <SubmitButton variant="secondary">Se déconnecter de tous les appareils</SubmitButton>
      </form>
    </>
  );
}
