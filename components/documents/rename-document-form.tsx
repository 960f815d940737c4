'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { TextField } from '@/components/ui';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';
import { DocumentDetailsFields, DOCUMENT_DETAILS_FIELDS, type SavedDetails } from './document-details-fields';

export function RenameDocumentForm({
  action,
  documentId,
  title,
  details,
  documentTitle,
}: {
  action: FormAction;
  documentId: string;
  title: string;
  details: SavedDetails;
  documentTitle: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <div className="max-w-2xl">
      <ActionFeedback state={state} fields={{ title: 'title', ...DOCUMENT_DETAILS_FIELDS }} documentTitle={documentTitle} />
      <form action={formAction} noValidate>
        <input type="hidden" name="id" value={documentId} />
        <TextField name="title" label="Nouveau titre" maxLength={120} defaultValue={shownValue(state, 'title', title)} error={fieldError(state, 'title')} />
        <DocumentDetailsFields state={state} saved={details} />
        <div className="flex flex-wrap items-center gap-x-6 gap-y-4">
          <SubmitButton>Enregistrer les modifications</SubmitButton>
          <Link href="/porte-documents">Annuler</Link>
        </div>
      </form>
    </div>
  );
}
