'use client';

import { useActionState } from 'react';
import { TextField } from '@/components/ui';
import { FormFeedback, SubmitButton, summaryOf } from '@/components/forms/form-feedback';
import { fieldError, type FormAction } from '@/components/forms/form-state';

const fields = { currentPassword: 'currentPassword' };

/** "Confirmez votre mot de passe" before a sensitive step; on success the action redirects. */
export function ConfirmPasswordForm({ action, documentTitle, submitLabel }: { action: FormAction; documentTitle: string; submitLabel: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <>
      <FormFeedback summary={summaryOf(state, fields)} documentTitle={documentTitle} />
      <form action={formAction} noValidate className="max-w-2xl">
        <TextField
          name="currentPassword"
          type="password"
          label="Mot de passe"
          hint="Pour vérifier que c’est bien vous. L’archive peut ensuite être téléchargée pendant 5 minutes."
          autoComplete="current-password"
          error={fieldError(state, 'currentPassword')}
        />
        <SubmitButton>{submitLabel}</SubmitButton>
      </form>
    </>
  );
}
