'use client';

import { useActionState } from 'react';
import { Checkbox, TextField } from '@/components/ui';
import { FormFeedback, SubmitButton } from './form-feedback';
import { fieldError, shownChecked, type FormAction } from './form-state';

const fields = { currentPassword: 'currentPassword', confirm: 'confirm' };

/** Password + explicit confirmation; on success the action signs out and leaves the account space. */
export function DeleteAccountForm({ action }: { action: FormAction }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <>
      <FormFeedback state={state} fields={fields} />
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
