'use client';

import { useActionState } from 'react';
import { TextareaField } from '@/components/ui';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';

const fields = { definition: 'definition' };

export type DefinitionJsonFormProps = { action: FormAction; procedureId: string; revision: number; json: string; documentTitle: string };

/** The advanced editor: the whole definition as JSON, validated by the definition schema; every error is listed with its place. */
export function DefinitionJsonForm({ action, procedureId, revision, json, documentTitle }: DefinitionJsonFormProps) {
  const [state, formAction] = useActionState(action, null);
  return (
    <div className="max-w-4xl">
      <ActionFeedback withSuccess state={state} fields={fields} listAll={['definition']} documentTitle={documentTitle} />
      <form action={formAction} noValidate>
        <input type="hidden" name="procedureId" value={procedureId} />
        <input type="hidden" name="revision" value={revision} />
        <TextareaField
          name="definition"
          label="Définition de la version (JSON)"
          hint="Étapes (steps), champs (fields : type, label, hint, required, options, min, max, showIf, prefill), statuts (statuses) et bénéficiaires. Tout est vérifié avant l’enregistrement : rien n’est enregistré tant qu’il reste une erreur."
          rows={24}
          spellCheck={false}
          autoCapitalize="none"
          autoCorrect="off"
          className="max-w-none font-mono text-sm"
          defaultValue={shownValue(state, 'definition', json)}
          error={fieldError(state, 'definition')}
        />
        <SubmitButton>Enregistrer la définition</SubmitButton>
      </form>
    </div>
  );
}
