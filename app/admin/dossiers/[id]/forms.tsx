'use client';

import { useActionState } from 'react';
import { ErrorMessage, Hint, Label, SelectField, TextareaField } from '@/components/ui';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';
import { FileInput } from '@/components/dossiers/file-input';

// The agent's three actions on a dossier. Plain forms posted to server actions: they work without
// JavaScript; with it, the page updates in place. Each has its error summary above it.

type FormProps = { action: FormAction; dossierId: string; documentTitle: string };

export function ChangeStatusForm({ action, dossierId, documentTitle, statuses, current }: FormProps & { statuses: { key: string; label: string }[]; current: string }) {
  const [state, formAction] = useActionState(action, null);
  const fields = { status: 'status', comment: 'comment' };
  return (
    <>
      <ActionFeedback state={state} fields={fields} documentTitle={documentTitle} />
      <form action={formAction} noValidate>
        <input type="hidden" name="dossierId" value={dossierId} />
        <SelectField
          name="status"
          label="Nouveau statut"
          hint="Les statuts de cette démarche, tels que définis par l’administration."
          placeholder="Choisissez un statut"
          options={statuses.filter((s) => s.key !== current).map((s) => ({ value: s.key, label: s.label }))}
          defaultValue={shownValue(state, 'status', '')}
          error={fieldError(state, 'status')}
        />
        <TextareaField
          name="comment"
          label="Commentaire pour l’usager"
          hint="Visible par l’usager sur sa demande. Il n’est pas recopié dans le courriel."
          optional
          rows={3}
          maxLength={2000}
          defaultValue={shownValue(state, 'comment', '')}
          error={fieldError(state, 'comment')}
        />
        <SubmitButton>Changer le statut</SubmitButton>
      </form>
    </>
  );
}

export function AgentMessageForm({ action, dossierId, documentTitle }: FormProps) {
  const [state, formAction] = useActionState(action, null);
  return (
    <>
      <ActionFeedback state={state} fields={{ body: 'body', fichier: 'fichier-agent' }} documentTitle={documentTitle} />
      <form action={formAction} encType="multipart/form-data" noValidate>
        <input type="hidden" name="dossierId" value={dossierId} />
        <TextareaField
          name="body"
          label="Message à l’usager"
          hint="L’usager est prévenu par une notification (et par courriel s’il l’a choisi) ; le courriel ne contient pas le message."
          rows={5}
          maxLength={5000}
          defaultValue={shownValue(state, 'body', '')}
          error={fieldError(state, 'body')}
        />
        <FileInput name="fichier" id="fichier-agent" label="Joindre un fichier" optional error={fieldError(state, 'fichier')?.[0]} />
        <SubmitButton>Envoyer le message</SubmitButton>
      </form>
    </>
  );
}

export function PublishResponseForm({ action, dossierId, documentTitle, accept, formatsLabel, maxSizeLabel }: FormProps & { accept: string; formatsLabel: string; maxSizeLabel: string }) {
  const [state, formAction] = useActionState(action, null);
  const fileError = fieldError(state, 'file')?.[0];
  const hint = `Formats acceptés : ${formatsLabel}. Taille maximale : ${maxSizeLabel}.${fileError ? ' Choisissez à nouveau le fichier.' : ''}`;
  return (
    <>
      <ActionFeedback state={state} fields={{ file: 'file', note: 'note' }} documentTitle={documentTitle} />
      <form action={formAction} encType="multipart/form-data" noValidate>
        <input type="hidden" name="dossierId" value={dossierId} />
        <div className={['mb-6', fileError ? 'border-l-4 border-error pl-4' : ''].join(' ')}>
          <Label htmlFor="file">Fichier de la réponse</Label>
          <Hint id="file-hint">{hint}</Hint>
          {fileError ? <ErrorMessage id="file-error">{fileError}</ErrorMessage> : null}
          <input
            id="file"
            name="file"
            type="file"
            accept={accept}
            required
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'file-hint file-error' : 'file-hint'}
            className={[
              'block w-full max-w-xl border-2 bg-white p-2 text-base file:mr-4 file:min-h-11 file:cursor-pointer file:border-2 file:border-primary file:bg-white file:px-4 file:font-medium file:text-primary',
              fileError ? 'border-error' : 'border-ink-muted',
            ].join(' ')}
          />
        </div>
        <TextareaField
          name="note"
          label="Note pour l’usager"
          hint="Affichée avec la réponse dans le suivi de la demande."
          optional
          rows={3}
          maxLength={2000}
          defaultValue={shownValue(state, 'note', '')}
          error={fieldError(state, 'note')}
        />
        <SubmitButton>Publier la réponse</SubmitButton>
      </form>
    </>
  );
}
