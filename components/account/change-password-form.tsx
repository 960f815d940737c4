'use client';

import { useActionState } from 'react';
import { TextField } from '@/components/ui';
import { FormFeedback, SubmitButton, summaryOf } from '@/components/forms/form-feedback';
import { fieldError, successMessage, type FormAction } from '@/components/forms/form-state';

const fields = { currentPassword: 'currentPassword', newPassword: 'newPassword' };

/** Passwords are never sent back: after an error both fields are empty again. */
export function ChangePasswordForm({ action, minLength, documentTitle }: { action: FormAction; minLength: number; documentTitle: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <>
      <FormFeedback summary={summaryOf(state, fields)} success={successMessage(state)} documentTitle={documentTitle} />
      <form action={formAction} noValidate className="max-w-2xl">
        <TextField
          name="currentPassword"
          type="password"
          label="Mot de passe actuel"
          autoComplete="current-password"
          error={fieldError(state, 'currentPassword')}
        />
        <TextField
          name="newPassword"
          type="password"
          label="Nouveau mot de passe"
          hint={`Au moins ${minLength} caractères. Pas de règle de composition : une phrase de plusieurs mots est facile à retenir et difficile à deviner. Les mots de passe trop courants sont refusés.`}
          autoComplete="new-password"
          error={fieldError(state, 'newPassword')}
        />
        <SubmitButton>Changer mon mot de passe</SubmitButton>
      </form>
    </>
  );
}
