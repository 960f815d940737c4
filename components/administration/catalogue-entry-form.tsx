'use client';

import { useActionState } from 'react';
import { SelectField, TextareaField, TextField } from '@/components/ui';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';
import { categories } from '@/lib/procedures/categories';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';

const fields = { title: 'catalogue-title', summary: 'catalogue-summary', category: 'catalogue-category' };

export type CatalogueEntryFormProps = {
  action: FormAction;
  procedureId: string;
  saved: { title: string; summary: string; category: string };
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
        <SubmitButton>Enregistrer la fiche du catalogue</SubmitButton>
      </form>
    </div>
  );
}
