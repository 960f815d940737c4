'use client';

import { useActionState } from 'react';
import { TextareaField } from '@/components/ui';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';

/** "Répondre à l'administration": a plain form posted to a server action, so it works without JavaScript. */
export function ReplyForm({ action, dossierId, documentTitle }: { action: FormAction; dossierId: string; documentTitle: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <>
      <ActionFeedback state={state} fields={{ body: 'body' }} documentTitle={documentTitle} />
      <form action={formAction} noValidate className="max-w-2xl">
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
        <SubmitButton>Envoyer mon message</SubmitButton>
      </form>
    </>
  );
}
