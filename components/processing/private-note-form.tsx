'use client';

import { useActionState } from 'react';
import { TextareaField } from '@/components/ui';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';
import { PRIVATE_NOTE_MAX_LENGTH } from '@/lib/processing/note-limits';

// "Ajouter une note interne": a plain form posted to a server action, so it works without
// JavaScript; with it, the error summary shows in place.

export function PrivateNoteForm({ action, dossierId, documentTitle }: { action: FormAction; dossierId: string; documentTitle: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <>
      <ActionFeedback state={state} fields={{ body: 'note-body' }} documentTitle={documentTitle} />
      <form action={formAction} noValidate>
        <input type="hidden" name="dossierId" value={dossierId} />
        <TextareaField
          id="note-body"
          name="body"
          label="Nouvelle note interne"
          hint="Visible uniquement des agents de cette démarche. L’usager ne la voit jamais, ni dans sa demande, ni dans ses courriels, ni dans ses exports."
          rows={4}
          maxLength={PRIVATE_NOTE_MAX_LENGTH}
          defaultValue={shownValue(state, 'body', '')}
          error={fieldError(state, 'body')}
        />
        <SubmitButton>Ajouter la note</SubmitButton>
      </form>
    </>
  );
}
