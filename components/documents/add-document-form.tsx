'use client';

import { useActionState, useEffect, useState, type FormEvent } from 'react';
import { TextField } from '@/components/ui';
import { FormFeedback } from '@/components/forms/form-feedback';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';
import { MAX_UPLOAD_BYTES, tooLargeMessage } from '@/lib/documents/limits';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';
import { DocumentDetailsFields, DOCUMENT_DETAILS_FIELDS } from './document-details-fields';
import { FileInput } from './file-input';
import { markUploadRefused } from './locker-flash';

const fields = { title: 'title', ...DOCUMENT_DETAILS_FIELDS, file: 'file' };

export type AddDocumentFormProps = {
  action: FormAction;
  accept: string;
  fileHint: string;
  documentTitle: string;
};

/**
 * "Ajouter un document": a multipart form posted to a server action, so it works without
 * JavaScript. With JavaScript, a file over 10 Mo is caught before a long, useless upload.
 */
export function AddDocumentForm({ action, accept, fileHint, documentTitle }: AddDocumentFormProps) {
  const [state, formAction] = useActionState(action, null);
  const [tooLarge, setTooLarge] = useState<{ message: string; attempt: number } | null>(null);
  const fileError = tooLarge?.message ?? fieldError(state, 'file')?.[0];
  // A refused upload: the success banner of an earlier one goes.
  useEffect(() => {
    if (tooLarge || (state && !state.ok)) markUploadRefused();
  }, [state, tooLarge]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const file = new FormData(event.currentTarget).get('file');
    if (file instanceof File && file.size > MAX_UPLOAD_BYTES) {
      event.preventDefault();
      setTooLarge((previous) => ({ message: tooLargeMessage(file.name), attempt: (previous?.attempt ?? 0) + 1 }));
      return;
    }
    setTooLarge(null);
  }

  return (
    <div className="max-w-2xl">
      {tooLarge ? (
        <FormFeedback summary={{ errors: [{ fieldId: 'file', message: tooLarge.message }], key: `client-${tooLarge.attempt}` }} documentTitle={documentTitle} />
      ) : (
        <ActionFeedback state={state} fields={fields} documentTitle={documentTitle} />
      )}
      <form action={formAction} onSubmit={onSubmit} encType="multipart/form-data" noValidate>
        <TextField
          name="title"
          label="Titre du document"
          optional
          hint="Pour le retrouver facilement, par exemple « Justificatif de domicile — mars 2026 ». Sans titre, le nom du fichier est repris."
          maxLength={120}
          defaultValue={shownValue(state, 'title', '')}
          error={tooLarge ? undefined : fieldError(state, 'title')}
        />
        <DocumentDetailsFields state={tooLarge ? null : state} />
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
