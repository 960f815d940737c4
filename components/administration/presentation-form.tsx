'use client';

import { useActionState } from 'react';
import { CheckboxGroup, TextareaField, TextField } from '@/components/ui';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';
import { beneficiaryKinds } from '@/lib/procedures/kinds';
import { personSubtypes } from '@/lib/relations/kinds';
import { personSubtypeLabels } from '@/lib/relations/kinds';
import { beneficiaryLabels } from '@/lib/administration/procedures/labels';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';
import { echoedList } from './form-values';

const fields = { beneficiaries: 'beneficiaries', personSubtypes: 'personSubtypes', estimatedDuration: 'estimatedDuration', processingTime: 'processingTime', requirements: 'requirements' };

export type PresentationFormProps = {
  action: FormAction;
  procedureId: string;
  revision: number;
  saved: { beneficiaries: string[]; personSubtypes: string[]; estimatedDuration?: string; processingTime?: string; requirements: string[] };
  documentTitle: string;
};

export function PresentationForm({ action, procedureId, revision, saved, documentTitle }: PresentationFormProps) {
  const [state, formAction] = useActionState(action, null);
  const error = (name: string) => fieldError(state, name);
  return (
    <div className="max-w-2xl">
      <ActionFeedback withSuccess state={state} fields={fields} documentTitle={documentTitle} />
      <form action={formAction} noValidate>
        <input type="hidden" name="procedureId" value={procedureId} />
        <input type="hidden" name="revision" value={revision} />
        <CheckboxGroup
          name="beneficiaries"
          legend="Pour qui la démarche peut-elle être faite ?"
          options={beneficiaryKinds.map((b) => ({ value: b, label: beneficiaryLabels[b] }))}
          defaultValues={echoedList(state, 'beneficiaries') ?? saved.beneficiaries}
          error={error('beneficiaries')}
        />
        <CheckboxGroup
          name="personSubtypes"
          legend="Si c’est une personne de ses relations, laquelle ?"
          hint="Ne compte que si « Une personne de ses relations » est cochée. Ne cochez rien pour accepter toutes les personnes."
          optional
          inline
          options={personSubtypes.map((p) => ({ value: p, label: personSubtypeLabels[p] }))}
          defaultValues={echoedList(state, 'personSubtypes') ?? saved.personSubtypes}
          error={error('personSubtypes')}
        />
        <TextField
          name="estimatedDuration"
          label="Durée estimée pour remplir la demande"
          hint="Par exemple : 5 minutes."
          optional
          defaultValue={shownValue(state, 'estimatedDuration', saved.estimatedDuration)}
          error={error('estimatedDuration')}
        />
        <TextField
          name="processingTime"
          label="Délai de traitement annoncé"
          hint="Par exemple : Sous 10 jours ouvrés."
          optional
          defaultValue={shownValue(state, 'processingTime', saved.processingTime)}
          error={error('processingTime')}
        />
        <TextareaField
          name="requirements"
          label="Ce qu’il faut avoir sous la main"
          hint="Une pièce ou une condition par ligne."
          optional
          rows={5}
          defaultValue={shownValue(state, 'requirements', saved.requirements.join('\n'))}
          error={error('requirements')}
        />
        <SubmitButton>Enregistrer la présentation</SubmitButton>
      </form>
    </div>
  );
}
