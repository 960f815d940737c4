'use client';

import { useActionState } from 'react';
import { SelectField, TextareaField, TextField } from '@/components/ui';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';
import { categories } from '@/lib/procedures/categories';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';

const fields = { title: 'catalogue-title', summary: 'catalogue-summary', category: 'catalogue-category', opensOn: 'opensOn', closesAfter: 'closesAfter', graceUntil: 'graceUntil' };

export type CatalogueEntryFormProps = {
  action: FormAction;
  procedureId: string;
  saved: { title: string; summary: string; category: string; opensOn: string; closesAfter: string; graceUntil: string };
  documentTitle: string;
};

export function CatalogueEntryForm({ action, procedureId, saved, documentTitle }: CatalogueEntryFormProps) {
  const [state, formAction] = useActionState(action, null);
  const value = (name: keyof typeof saved) => shownValue(state, name, saved[name]);
  const error = (name: string) => fieldError(state, name);
  return (
    <div className="max-w-2xl">
      <ActionFeedback withSuccess state={state} fields={fields} documentTitle={documentTitle} />
      <form action={formAction} noValidate>
        <input type="hidden" name="procedureId" value={procedureId} />
        <TextField id={fields.title} name="title" label="Titre" defaultValue={value('title')} error={error('title')} />
        <TextareaField id={fields.summary} name="summary" label="Résumé" rows={3} defaultValue={value('summary')} error={error('summary')} />
        <SelectField
          id={fields.category}
          name="category"
          label="Catégorie"
          options={categories.map((c) => ({ value: c.key, label: c.label }))}
          defaultValue={value('category')}
          error={error('category')}
        />
        <TextField id="opensOn" name="opensOn" type="date" label="Ouverture (premier jour)" hint="Laissez vide : ouverte dès la publication." optional className="sm:max-w-64" defaultValue={value('opensOn')} error={error('opensOn')} />
        <TextField id="closesAfter" name="closesAfter" type="date" label="Clôture (dernier jour pour commencer une demande)" hint="Laissez vide : pas de clôture." optional className="sm:max-w-64" defaultValue={value('closesAfter')} error={error('closesAfter')} />
        <TextField
          id="graceUntil"
          name="graceUntil"
          type="date"
          label="Dernier jour pour déposer une demande déjà commencée"
          hint="Après la clôture, les brouillons peuvent encore être déposés jusqu’à ce jour. Laissez vide : jusqu’au jour de clôture."
          optional
          className="sm:max-w-64"
          defaultValue={value('graceUntil')}
          error={error('graceUntil')}
        />
        <SubmitButton>Enregistrer la fiche du catalogue</SubmitButton>
      </form>
    </div>
  );
}
