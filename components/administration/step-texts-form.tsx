'use client';

import { useActionState } from 'react';
import { Checkbox, Fieldset, SelectField, TextareaField, TextField } from '@/components/ui';
import { addableFieldTypeLabels, addableFieldTypes } from '@/lib/administration/procedures/labels';
import { fieldError, shownChecked, shownValue, type FormAction } from '@/components/forms/form-state';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';

export type FieldTextView = { key: string; type: string; typeLabel: string; label: string; hint?: string; required: boolean; body?: string };

export type StepTextsFormProps = {
  action: FormAction;
  procedureId: string;
  revision: number;
  step: { key: string; title: string; description?: string; fields: FieldTextView[] };
  documentTitle: string;
};

/** The texts of one step: its title and description, each field's label, hint and "required". */
export function StepTextsForm({ action, procedureId, revision, step, documentTitle }: StepTextsFormProps) {
  const [state, formAction] = useActionState(action, null);
  const id = (name: string) => `${step.key}-${name}`;
  const value = (name: string, saved: string | undefined) => shownValue(state, name, saved);
  const error = (name: string) => fieldError(state, name);
  const fields: Record<string, string> = { title: id('title'), description: id('description') };
  step.fields.forEach((_, i) => ['label', 'hint', 'required', 'body', 'position', 'remove'].forEach((c) => (fields[`field-${i}-${c}`] = id(`field-${i}-${c}`))));
  ['type', 'key', 'label', 'hint', 'required', 'options'].forEach((c) => (fields[`new-field-${c}`] = id(`new-field-${c}`)));
  return (
    <div className="max-w-2xl">
      <ActionFeedback withSuccess state={state} fields={fields} documentTitle={documentTitle} />
      <form action={formAction} noValidate>
        <input type="hidden" name="procedureId" value={procedureId} />
        <input type="hidden" name="revision" value={revision} />
        <input type="hidden" name="stepKey" value={step.key} />
        <TextField id={id('title')} name="title" label="Titre de l’étape" defaultValue={value('title', step.title)} error={error('title')} />
        <TextareaField id={id('description')} name="description" label="Description de l’étape" optional rows={2} defaultValue={value('description', step.description)} error={error('description')} />
        {step.fields.map((field, i) => (
          <div key={field.key} id={`champ-${field.key}`} className="mb-6 border border-line px-4 pt-4">
            <Fieldset id={id(`champ-${i}`)} legend={`Champ ${i + 1} : ${field.label}`} hint={`${field.typeLabel}, clé « ${field.key} »`}>
              <input type="hidden" name={`field-${i}-key`} value={field.key} />
              <TextField id={id(`field-${i}-label`)} name={`field-${i}-label`} label="Libellé" defaultValue={value(`field-${i}-label`, field.label)} error={error(`field-${i}-label`)} />
              <TextField
                id={id(`field-${i}-hint`)}
                name={`field-${i}-hint`}
                label="Aide affichée sous le libellé"
                optional
                defaultValue={value(`field-${i}-hint`, field.hint)}
                error={error(`field-${i}-hint`)}
              />
              {field.type === 'info' ? (
                <TextareaField id={id(`field-${i}-body`)} name={`field-${i}-body`} label="Texte d’information" rows={3} defaultValue={value(`field-${i}-body`, field.body)} error={error(`field-${i}-body`)} />
              ) : (
                <Checkbox
                  id={id(`field-${i}-required`)}
                  name={`field-${i}-required`}
                  label="Réponse obligatoire"
                  defaultChecked={shownChecked(state, `field-${i}-required`, field.required)}
                  error={error(`field-${i}-required`)}
                />
              )}
              <TextField
                id={id(`field-${i}-position`)}
                name={`field-${i}-position`}
                label="Position dans l’étape"
                hint="1 pour le premier. Pour déplacer un champ, changez son numéro."
                inputMode="numeric"
                className="sm:max-w-32"
                defaultValue={value(`field-${i}-position`, String(i + 1))}
                error={error(`field-${i}-position`)}
              />
              <p className="mb-4">
                <a href={`/admin/demarches/${procedureId}/champs/${field.key}`}>{`Réglages, condition et règle du champ « ${field.label} »`}</a>
              </p>
              <Checkbox
                id={id(`field-${i}-remove`)}
                name={`field-${i}-remove`}
                label="Retirer ce champ"
                hint="Les demandes déjà commencées ou déposées gardent leur version et leurs réponses."
                defaultChecked={shownChecked(state, `field-${i}-remove`, false)}
                error={error(`field-${i}-remove`)}
              />
            </Fieldset>
          </div>
        ))}
        <div className="mb-6 border border-line px-4 pt-4">
          <Fieldset id={id('nouveau-champ')} legend="Ajouter un champ à cette étape" hint="Laissez vide pour ne rien ajouter. Il est placé en fin d’étape." optional>
            <SelectField
              id={id('new-field-type')}
              name="new-field-type"
              label="Type"
              options={addableFieldTypes.map((t) => ({ value: t, label: addableFieldTypeLabels[t] }))}
              defaultValue={value('new-field-type', 'text')}
              error={error('new-field-type')}
            />
            <TextField
              id={id('new-field-key')}
              name="new-field-key"
              label="Clé"
              hint="Identifiant technique, ne change plus. Laissez vide : elle est tirée du libellé (ex. « adresseLogement »)."
              spellCheck={false}
              autoCapitalize="none"
              optional
              defaultValue={value('new-field-key', '')}
              error={error('new-field-key')}
            />
            <TextField id={id('new-field-label')} name="new-field-label" label="Libellé" optional defaultValue={value('new-field-label', '')} error={error('new-field-label')} />
            <TextField id={id('new-field-hint')} name="new-field-hint" label="Aide affichée sous le libellé" optional defaultValue={value('new-field-hint', '')} error={error('new-field-hint')} />
            <TextareaField
              id={id('new-field-options')}
              name="new-field-options"
              label="Options"
              hint="Pour une liste déroulante, un choix unique ou des cases à cocher : une option par ligne."
              optional
              rows={4}
              defaultValue={value('new-field-options', '')}
              error={error('new-field-options')}
            />
            <Checkbox id={id('new-field-required')} name="new-field-required" label="Réponse obligatoire" defaultChecked={shownChecked(state, 'new-field-required', false)} error={error('new-field-required')} />
          </Fieldset>
        </div>
        <SubmitButton>{`Enregistrer l’étape « ${step.title} »`}</SubmitButton>
      </form>
    </div>
  );
}
