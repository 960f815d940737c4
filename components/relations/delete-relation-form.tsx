'use client';

import Link from 'next/link';
import { useActionState, type ReactNode } from 'react';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';
import type { FormAction } from '@/components/forms/form-state';

export type DeleteRelationFormProps = {
  action: FormAction;
  relationId: string;
  /** The drafts listed on the page: the deletion goes ahead only if they are still exactly those. */
  draftIds: string[];
  submitLabel: string;
  documentTitle: string;
  /** What the deletion entails, shown under the error summary and above the button. */
  children: ReactNode;
};

export function DeleteRelationForm({ action, relationId, draftIds, submitLabel, documentTitle, children }: DeleteRelationFormProps) {
  const [state, formAction] = useActionState(action, null);
  return (
    <>
      <ActionFeedback state={state} fields={{}} documentTitle={documentTitle} />
      {children}
      <form action={formAction} className="flex flex-wrap items-center gap-x-6 gap-y-4">
        <input type="hidden" name="id" value={relationId} />
        <input type="hidden" name="drafts" value={draftIds.join(',')} />
        <SubmitButton variant="danger">{submitLabel}</SubmitButton>
        <Link href="/relations">Annuler</Link>
      </form>
    </>
  );
}
