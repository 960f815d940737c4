'use client';

import { useActionState } from 'react';
import { Checkbox, TextField } from '@/components/ui';
import { FormFeedback, SubmitButton, summaryOf } from '@/components/forms/form-feedback';
import { fieldError, shownChecked, successMessage, type FormAction } from '@/components/forms/form-state';

const fields = { currentPassword: 'currentPassword', confirm: 'confirm' };

/** Password + explicit confirmation; on success the action signs out and leaves the account space. */
export function DeleteAccountForm({ action, documentTitle }: { action: FormAction; documentTitle: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <>
      <FormFeedback summary={summaryOf(state, fields)} success={successMessage(state)} documentTitle={documentTitle} />
      <form action={formAction} noValidate className="max-w-2xl">
        <TextField
          name="currentPassword"
          type="password"
          label="Mot de passe"
          hint="Pour vérifier que c’est bien vous."
          autoComplete="current-password"
          error={fieldError(state, 'currentPassword')}
        />
        <Checkbox
          name="confirm"
          label="Je comprends que mon compte et toutes les données listées ci-dessus seront supprimés définitivement."
          defaultChecked={shownChecked(state, 'confirm', false)}
          error={fieldError(state, 'confirm')}
        />
        <SubmitButton variant="danger">Supprimer définitivement mon compte</SubmitButton>
      </form>
    </>
  );
}
