'use client';

import { useActionState } from 'react';
import { TextField } from '@/components/ui';
import { FormFeedback, SubmitButton, summaryOf } from '@/components/forms/form-feedback';
import { fieldError, shownValue, successMessage, type FormAction } from '@/components/forms/form-state';

const fields = { newEmail: 'newEmail', currentPassword: 'currentPassword' };

/** New login email + current password; nothing changes until the emailed link is opened. */
export function ChangeEmailForm({ action, documentTitle }: { action: FormAction; documentTitle: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <>
      <FormFeedback summary={summaryOf(state, fields)} success={successMessage(state)} documentTitle={documentTitle} />
      <form action={formAction} noValidate className="max-w-2xl">
        <TextField
          name="newEmail"
          type="email"
          label="Nouvelle adresse de courriel"
          hint="Un lien de confirmation sera envoyé à cette adresse."
          autoComplete="email"
          spellCheck={false}
          defaultValue={shownValue(state, 'newEmail', '')}
          error={fieldError(state, 'newEmail')}
        />
        <TextField
          name="currentPassword"
          type="password"
          label="Mot de passe actuel"
          hint="Pour vérifier que c’est bien vous."
          autoComplete="current-password"
          error={fieldError(state, 'currentPassword')}
        />
        <SubmitButton>Changer mon identifiant</SubmitButton>
      </form>
    </>
  );
}
