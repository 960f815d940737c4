'use client';

import { useActionState, type ReactNode } from 'react';
import { SelectField, TextareaField } from '@/components/ui';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';

// The bulk status change of the queue: the list of dossiers (with their checkboxes) is inside this
// one plain form, posted to a server action; it works without JavaScript.

type BulkProps = {
  action: FormAction;
  procedureId: string;
  /** The queue's query string, to come back to the same filtered list. */
  retour: string;
  statuses: { key: string; label: string }[];
  documentTitle: string;
  children: ReactNode;
};

export function BulkStatusForm({ action, procedureId, retour, statuses, documentTitle, children }: BulkProps) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} noValidate aria-labelledby="resultats-titre">
      <input type="hidden" name="procedureId" value={procedureId} />
      <input type="hidden" name="retour" value={retour} />
      {children}
      <fieldset className="mt-8 max-w-3xl border-t-4 border-primary pt-6">
        <legend className="mb-4 pt-6 text-2xl font-bold">Changer le statut des dossiers cochés</legend>
        <ActionFeedback state={state} fields={{ dossierIds: 'dossier-0', status: 'bulk-status', comment: 'bulk-comment' }} documentTitle={documentTitle} />
        <SelectField
          name="status"
          id="bulk-status"
          label="Nouveau statut"
          hint="Chaque usager concerné est prévenu, comme pour un changement dossier par dossier."
          placeholder="Choisissez un statut"
          options={statuses.map((s) => ({ value: s.key, label: s.label }))}
          defaultValue={shownValue(state, 'status', '')}
          error={fieldError(state, 'status')}
        />
        <TextareaField
          name="comment"
          id="bulk-comment"
          label="Commentaire pour les usagers"
          hint="Le même commentaire est ajouté à chaque dossier coché ; il est visible par l’usager."
          optional
          rows={3}
          maxLength={2000}
          defaultValue={shownValue(state, 'comment', '')}
          error={fieldError(state, 'comment')}
        />
        <SubmitButton>Changer le statut des dossiers cochés</SubmitButton>
      </fieldset>
    </form>
  );
}
