'use client';

import { useActionState } from 'react';
import { Checkbox, Fieldset, SelectField, TextField } from '@/components/ui';
import { addableFieldTypeLabels, addableFieldTypes } from '@/lib/administration/procedures/labels';
import { fieldError, shownChecked, shownValue, type FormAction } from '@/components/forms/form-state';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';

export type StepsFormProps = {
  action: FormAction;
  procedureId: string;
  revision: number;
  steps: { key: string; title: string; fieldCount: number }[];
  documentTitle: string;
};

/** The order of the steps, their removal (confirmed when drafts have answers there) and a step to add. */
export function StepsForm({ action, procedureId, revision, steps, documentTitle }: StepsFormProps) {
  const [state, formAction] = useActionState(action, null);
  const value = (name: string, saved: string) => shownValue(state, name, saved);
  const error = (name: string) => fieldError(state, name);
  const fields: Record<string, string> = {};
  steps.forEach((_, i) => ['position', 'remove'].forEach((c) => (fields[`step-${i}-${c}`] = `step-${i}-${c}`)));
  for (const name of ['confirmRemoval', 'new-step-title', 'new-step-field-type', 'new-step-field-label']) fields[name] = name;
  return (
    <div className="max-w-2xl">
      <ActionFeedback state={state} fields={fields} documentTitle={documentTitle} />
      <form action={formAction} noValidate>
        <input type="hidden" name="procedureId" value={procedureId} />
        <input type="hidden" name="revision" value={revision} />
        {steps.map((step, i) => (
          <div key={step.key} className="mb-6 border border-line px-4 pt-4">
            <Fieldset id={`step-${i}`} legend={`Étape ${i + 1} : ${step.title}`} hint={`${step.fieldCount} champ${step.fieldCount > 1 ? 's' : ''}`}>
              <input type="hidden" name={`step-${i}-key`} value={step.key} />
              <TextField
                id={`step-${i}-position`}
                name={`step-${i}-position`}
                label="Position"
                hint="1 pour la première. Pour déplacer une étape, changez son numéro."
                inputMode="numeric"
                className="sm:max-w-32"
                defaultValue={value(`step-${i}-position`, String(i + 1))}
                error={error(`step-${i}-position`)}
              />
              <Checkbox id={`step-${i}-remove`} name={`step-${i}-remove`} label="Retirer cette étape" defaultChecked={shownChecked(state, `step-${i}-remove`, false)} error={error(`step-${i}-remove`)} />
            </Fieldset>
          </div>
        ))}
        <Checkbox
          id="confirmRemoval"
          name="confirmRemoval"
          label="Je confirme le retrait, même si des brouillons ont des réponses dans l’étape retirée"
          defaultChecked={shownChecked(state, 'confirmRemoval', false)}
          error={error('confirmRemoval')}
        />
        <div className="mb-6 border border-line px-4 pt-4">
          <Fieldset id="new-step" legend="Ajouter une étape" hint="Laissez vide pour ne rien ajouter. Elle est placée en dernier, avec son premier champ." optional>
            <TextField id="new-step-title" name="new-step-title" label="Titre de la nouvelle étape" optional defaultValue={value('new-step-title', '')} error={error('new-step-title')} />
            <SelectField
              id="new-step-field-type"
              name="new-step-field-type"
              label="Type du premier champ"
              options={addableFieldTypes.map((t) => ({ value: t, label: addableFieldTypeLabels[t] }))}
              defaultValue={value('new-step-field-type', 'text')}
              error={error('new-step-field-type')}
            />
            <TextField id="new-step-field-label" name="new-step-field-label" label="Libellé du premier champ" optional defaultValue={value('new-step-field-label', '')} error={error('new-step-field-label')} />
          </Fieldset>
        </div>
        <SubmitButton>Enregistrer les étapes</SubmitButton>
      </form>
    </div>
  );
}
