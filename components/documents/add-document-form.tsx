'use client';

import { useActionState } from 'react';
import { TextField } from '@/components/ui';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';
import { DocumentFormErrors, SubmitButton } from './form-errors';
import { FileInput } from './file-input';

const fields = { title: 'title', file: 'file' };

export type AddDocumentFormProps = {
  action: FormAction;
  accept: string;
  fileHint: string;
  documentTitle: string;
};

/** "Ajouter un document": a multipart form posted to a server action, so it works without JavaScript. */
export function AddDocumentForm({ action, accept, fileHint, documentTitle }: AddDocumentFormProps) {
  const [state, formAction] = useActionState(action, null);
  const fileError = fieldError(state, 'file')?.[0];
  return (
    <div className="max-w-2xl">
      <DocumentFormErrors state={state} fields={fields} documentTitle={documentTitle} />
      <form action={formAction} encType="multipart/form-data" noValidate>
        <TextField
          name="title"
          label="Titre du document"
          hint="Pour le retrouver facilement, par exemple « Justificatif de domicile — mars 2026 »."
          maxLength={120}
          defaultValue={shownValue(state, 'title', '')}
          error={fieldError(state, 'title')}
        />
        <FileInput
          name="file"
          label="Fichier"
          hint={fileError ? `${fileHint} Choisissez à nouveau le fichier.` : fileHint}
          accept={accept}
          required
          error={fileError}
        />
        <SubmitButton>Ajouter au porte-documents</SubmitButton>
      </form>
    </div>
  );
}
