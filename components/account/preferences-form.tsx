'use client';

import { useActionState } from 'react';
import { Checkbox, Fieldset } from '@/components/ui';
import { FormFeedback, SubmitButton, summaryOf } from '@/components/forms/form-feedback';
import { shownChecked, successMessage, type FormAction } from '@/components/forms/form-state';

export type PreferenceValues = { emailOnStatusChange: boolean; emailOnMessage: boolean; emailOnResponse: boolean };

const choices: { name: keyof PreferenceValues; label: string }[] = [
  { name: 'emailOnStatusChange', label: 'le statut d’une de mes demandes change' },
  { name: 'emailOnMessage', label: 'un agent m’envoie un message' },
  { name: 'emailOnResponse', label: 'une réponse de l’administration est disponible' },
];

const fields = Object.fromEntries(choices.map((choice) => [choice.name, choice.name]));

export function PreferencesForm({ action, preferences, documentTitle }: { action: FormAction; preferences: PreferenceValues; documentTitle: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <>
      <FormFeedback summary={summaryOf(state, fields)} success={successMessage(state)} documentTitle={documentTitle} />
      <form action={formAction} className="max-w-2xl">
        <Fieldset id="email-notifications" legend="Recevoir un courriel quand…" hint="Cochez les cas où vous souhaitez aussi être prévenu ou prévenue par courriel.">
          {choices.map((choice) => (
            <Checkbox key={choice.name} name={choice.name} label={choice.label} defaultChecked={shownChecked(state, choice.name, preferences[choice.name])} />
          ))}
        </Fieldset>
        <SubmitButton>Enregistrer mes préférences</SubmitButton>
      </form>
    </>
  );
}
