'use client';

import { useActionState } from 'react';
import { CheckboxGroup, SelectField, TextareaField, TextField } from '@/components/ui';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';
import { categories } from '@/lib/procedures/categories';
import { beneficiaryKinds } from '@/lib/procedures/kinds';
import { beneficiaryLabels } from '@/lib/administration/procedures/labels';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';
import { echoedList } from './form-values';

const fields = { slug: 'slug', title: 'title', summary: 'summary', category: 'category', beneficiaries: 'beneficiaries' };


export function CreateProcedureForm({ action, documentTitle }: { action: FormAction; documentTitle: string }) {
  const [state, formAction] = useActionState(action, null);
  const value = (name: string) => shownValue(state, name, '');
  const error = (name: string) => fieldError(state, name);
  return (
    <div className="max-w-2xl">
      <ActionFeedback withSuccess state={state} fields={fields} documentTitle={documentTitle} />
      <form action={formAction} noValidate>
        <TextField
          name="slug"
          label="Adresse de la démarche"
          hint="Elle termine l’adresse de la page : /demarches/permis-de-louer. Lettres minuscules sans accents, chiffres et tirets. Elle ne pourra plus changer."
          spellCheck={false}
          autoCapitalize="none"
          defaultValue={value('slug')}
          error={error('slug')}
        />
        <TextField name="title" label="Titre" hint="Tel que les usagers le lisent dans le catalogue." defaultValue={value('title')} error={error('title')} />
        <TextareaField name="summary" label="Résumé" hint="Une ou deux phrases : à quoi sert la démarche, pour qui." rows={3} defaultValue={value('summary')} error={error('summary')} />
        <SelectField
          name="category"
          label="Catégorie"
          placeholder="Choisissez une catégorie"
          options={categories.map((c) => ({ value: c.key, label: c.label }))}
          defaultValue={value('category')}
          error={error('category')}
        />
        <CheckboxGroup
          name="beneficiaries"
          legend="Pour qui la démarche peut-elle être faite ?"
          hint="Cochez tout ce qui s’applique."
          options={beneficiaryKinds.map((b) => ({ value: b, label: beneficiaryLabels[b] }))}
          defaultValues={echoedList(state, 'beneficiaries') ?? ['self']}
          error={error('beneficiaries')}
        />
        <SubmitButton>Créer la démarche</SubmitButton>
      </form>
    </div>
  );
}
