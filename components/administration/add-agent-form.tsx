'use client';

import { useActionState } from 'react';
import { RadioGroup, TextField } from '@/components/ui';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';

const fields = { email: 'email', role: 'role' };

export function AddAgentForm({ action, documentTitle }: { action: FormAction; documentTitle: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <div className="max-w-2xl">
      <ActionFeedback withSuccess state={state} fields={fields} documentTitle={documentTitle} />
      <form action={formAction} noValidate>
        <TextField
          name="email"
          type="email"
          label="Adresse de courriel"
          hint="Si la personne a déjà un compte avec cette adresse, il reçoit l’accès ; sinon un compte est créé et elle reçoit un lien pour choisir son mot de passe."
          autoComplete="off"
          spellCheck={false}
          defaultValue={shownValue(state, 'email', '')}
          error={fieldError(state, 'email')}
        />
        <RadioGroup
          name="role"
          legend="Rôle"
          options={[
            { value: 'agent', label: 'Agent', hint: 'Traite les dossiers des démarches qui lui sont affectées.' },
            { value: 'admin', label: 'Administrateur', hint: 'Modifie les démarches, gère les agents et consulte le journal.' },
          ]}
          defaultValue={shownValue(state, 'role', 'agent')}
          error={fieldError(state, 'role')}
        />
        <SubmitButton>Ajouter</SubmitButton>
      </form>
    </div>
  );
}
