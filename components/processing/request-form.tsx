'use client';

import { useActionState } from 'react';
import { TextareaField, TextField } from '@/components/ui';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';
import { CORRECTION_MAX_LENGTH } from '@/lib/completions/inputs';

// "Demander un complément": documents (one per line) and/or a correction, and a due date. A plain
// form posted to a server action: it works without JavaScript.

export function AskCompletionForm({ action, dossierId, documentTitle, today }: { action: FormAction; dossierId: string; documentTitle: string; today: string }) {
  const [state, formAction] = useActionState(action, null);
  const fields = { documents: 'documents', correction: 'correction', dueOn: 'dueOn' };
  return (
    <>
      <ActionFeedback state={state} fields={fields} documentTitle={documentTitle} />
      <form action={formAction} noValidate>
        <input type="hidden" name="dossierId" value={dossierId} />
        <TextareaField
          name="documents"
          label="Documents demandés"
          hint="Un document par ligne, par exemple « Justificatif de domicile de moins de 3 mois ». L’usager enverra un fichier pour chacun."
          optional
          rows={3}
          defaultValue={shownValue(state, 'documents', '')}
          error={fieldError(state, 'documents')}
        />
        <TextareaField
          name="correction"
          label="Correction attendue"
          hint="Ce que l’usager doit préciser ou corriger ; il répondra par un message. Les réponses déjà déposées ne changent pas."
          optional
          rows={3}
          maxLength={CORRECTION_MAX_LENGTH}
          defaultValue={shownValue(state, 'correction', '')}
          error={fieldError(state, 'correction')}
        />
        <TextField
          name="dueOn"
          type="date"
          label="À envoyer avant le"
          hint="Au plus tôt aujourd’hui. Format : jj/mm/aaaa."
          min={today}
          defaultValue={shownValue(state, 'dueOn', '')}
          error={fieldError(state, 'dueOn')}
        />
        <SubmitButton>Demander le complément</SubmitButton>
      </form>
    </>
  );
}
