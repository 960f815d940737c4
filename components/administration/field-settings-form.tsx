'use client';

import { useActionState } from 'react';
import { Checkbox, CheckboxGroup, SelectField, TextareaField, TextField } from '@/components/ui';
import { fieldError, shownChecked, shownValue, type FormAction } from '@/components/forms/form-state';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';
import type { EditorSetting } from '@/lib/procedures/fields/schema-parts';

type Choice = { value: string; label: string };

export type FieldSettingsFormProps = {
  action: FormAction;
  procedureId: string;
  revision: number;
  field: { key: string; label: string; hint?: string; required: boolean; takesAnswer: boolean; prefill?: string; condition?: string; conditionValue?: string; ruleOperator?: string; ruleOther?: string };
  /** The type's own settings (its editor description) with their saved values as the form shows them. */
  settings: { setting: EditorSetting; value: string | string[] }[];
  prefillChoices: Choice[];
  conditionChoices: Choice[];
  ruleOperators: Choice[];
  ruleChoices: Choice[];
  documentTitle: string;
};

/** Every setting of one field, without JSON: what the structured editor offers is said by the field's type. */
export function FieldSettingsForm(props: FieldSettingsFormProps) {
  const { action, procedureId, revision, field, settings, documentTitle } = props;
  const [state, formAction] = useActionState(action, null);
  const value = (name: string, saved: string | undefined) => shownValue(state, name, saved);
  const error = (name: string) => fieldError(state, name);
  const fields: Record<string, string> = { label: 'label', hint: 'hint', required: 'required' };
  for (const { setting } of settings) fields[`setting-${setting.name}`] = `setting-${setting.name}`;
  for (const name of ['prefill', 'condition', 'conditionValue', 'ruleOperator', 'ruleOther']) fields[name] = name;
  return (
    <div className="max-w-2xl">
      <ActionFeedback state={state} fields={fields} documentTitle={documentTitle} />
      {/* Remounted after each refusal: React resets a form after its action, and a select goes
          back to the value it was mounted with, losing the echoed choice (the condition). */}
      <form key={state && !state.ok ? JSON.stringify(state.values ?? null) : 'saved'} action={formAction} noValidate>
        <input type="hidden" name="procedureId" value={procedureId} />
        <input type="hidden" name="revision" value={revision} />
        <input type="hidden" name="fieldKey" value={field.key} />
        <TextField id="label" name="label" label="Libellé" defaultValue={value('label', field.label)} error={error('label')} />
        <TextField id="hint" name="hint" label="Aide affichée sous le libellé" optional defaultValue={value('hint', field.hint)} error={error('hint')} />
        {field.takesAnswer ? <Checkbox id="required" name="required" label="Réponse obligatoire" defaultChecked={shownChecked(state, 'required', field.required)} error={error('required')} /> : null}
        {settings.map(({ setting, value: saved }) => {
          const name = `setting-${setting.name}`;
          if (setting.kind === 'boolean') {
            return <Checkbox key={name} id={name} name={name} label={setting.label} hint={setting.hint} defaultChecked={shownChecked(state, name, saved === 'on')} error={error(name)} />;
          }
          if (setting.kind === 'choices') {
            const shown = state && !state.ok && state.values ? (state.values[name] ?? '').split('\n').filter(Boolean) : (saved as string[]);
            return <CheckboxGroup key={name} id={name} name={name} legend={setting.label} hint={setting.hint} options={[...(setting.choices ?? [])]} defaultValues={shown} error={error(name)} />;
          }
          if (setting.kind === 'options' || setting.kind === 'long-text') {
            return <TextareaField key={name} id={name} name={name} label={setting.label} hint={setting.hint} rows={5} defaultValue={value(name, saved as string)} error={error(name)} />;
          }
          return (
            <TextField
              key={name}
              id={name}
              name={name}
              label={setting.label}
              hint={setting.hint}
              optional
              inputMode={setting.kind === 'integer' ? 'numeric' : setting.kind === 'decimal' ? 'decimal' : undefined}
              className="sm:max-w-64"
              defaultValue={value(name, saved as string)}
              error={error(name)}
            />
          );
        })}
        {props.prefillChoices.length ? (
          <SelectField
            id="prefill"
            name="prefill"
            label="Pré-remplir avec"
            hint="L’usager peut toujours corriger la valeur proposée."
            options={[{ value: '', label: 'Rien (champ vide)' }, ...props.prefillChoices]}
            defaultValue={value('prefill', field.prefill ?? '')}
            error={error('prefill')}
          />
        ) : null}
        <SelectField
          id="condition"
          name="condition"
          label="Afficher ce champ seulement si"
          hint="Parmi les réponses des champs placés avant celui-ci : une réponse oui/non ou à choix, ou une valeur à saisir ci-dessous pour un texte ou un nombre."
          options={[{ value: '', label: 'Toujours afficher' }, ...props.conditionChoices]}
          defaultValue={value('condition', field.condition ?? '')}
          error={error('condition')}
        />
        <TextField
          id="conditionValue"
          name="conditionValue"
          label="Valeur de la condition"
          hint="Seulement pour une condition « égal à », « supérieur à »… : la valeur à comparer. Un texte doit être identique à la réponse (majuscules et accents compris) ; un nombre s’écrit 2 ou 1,5."
          optional
          className="sm:max-w-96"
          defaultValue={value('conditionValue', field.conditionValue ?? '')}
          error={error('conditionValue')}
        />
        {props.ruleChoices.length ? (
          <>
            <SelectField
              id="ruleOperator"
              name="ruleOperator"
              label="Règle : la réponse doit être"
              options={[{ value: '', label: 'Pas de règle' }, ...props.ruleOperators]}
              defaultValue={value('ruleOperator', field.ruleOperator ?? '')}
              error={error('ruleOperator')}
            />
            <SelectField
              id="ruleOther"
              name="ruleOther"
              label="par rapport au champ"
              hint="Vérifié dans le navigateur et au dépôt de la demande."
              options={[{ value: '', label: 'Choisissez un champ' }, ...props.ruleChoices]}
              defaultValue={value('ruleOther', field.ruleOther ?? '')}
              error={error('ruleOther')}
            />
          </>
        ) : null}
        <SubmitButton>Enregistrer le champ</SubmitButton>
      </form>
    </div>
  );
}
