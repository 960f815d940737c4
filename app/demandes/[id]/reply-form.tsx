'use client';

import { useActionState } from 'react';
import { TextareaField } from '@/components/ui';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';
import { FileInput } from '@/components/dossiers/file-input';

/** "Répondre à l'administration": a plain form posted to a server action, so it works without JavaScript. */
export function ReplyForm({ action, dossierId, documentTitle }: { action: FormAction; dossierId: string; documentTitle: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <>
      <ActionFeedback state={state} fields={{ body: 'body', fichier: 'fichier-message' }} documentTitle={documentTitle} />
      <form action={formAction} encType="multipart/form-data" noValidate className="max-w-2xl">
        <input type="hidden" name="dossierId" value={dossierId} />
        <TextareaField
          name="body"
          label="Votre message à l’administration"
          hint="Les agents en charge de votre demande le liront dans votre dossier."
          rows={5}
          maxLength={5000}
          defaultValue={shownValue(state, 'body', '')}
          error={fieldError(state, 'body')}
        />
        <FileInput name="fichier" id="fichier-message" label="Joindre un fichier" optional error={fieldError(state, 'fichier')?.[0]} />
        <SubmitButton>Envoyer mon message</SubmitButton>
      </form>
    </>
  );
}
