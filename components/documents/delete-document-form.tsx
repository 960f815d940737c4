'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { FormAction } from '@/components/forms/form-state';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';

export function DeleteDocumentForm({ action, documentId, documentTitle }: { action: FormAction; documentId: string; documentTitle: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <>
      <ActionFeedback state={state} fields={{}} documentTitle={documentTitle} />
      <form action={formAction} className="flex flex-wrap items-center gap-x-6 gap-y-4">
        <input type="hidden" name="id" value={documentId} />
        <SubmitButton variant="danger">Supprimer ce document</SubmitButton>
        <Link href="/porte-documents">Annuler</Link>
      </form>
    </>
  );
}
