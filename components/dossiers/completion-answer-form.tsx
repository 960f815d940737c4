'use client';

import { useActionState } from 'react';
import { Fieldset, SelectField, TextareaField } from '@/components/ui';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';
import { answerInputNames } from '@/lib/completions/inputs';

// Same limit as lib/messages/schemas.ts (not imported: it would bring zod to the browser).
const MESSAGE_MAX_LENGTH = 5000;
import { FileInput } from './file-input';

// The citizen's answer to a request for documents or a correction: for each document a file from
// the computer or from the Porte-documents, and a message. A plain multipart form posted to a
// server action: it works without JavaScript. Once sent, it cannot be changed.

type Item = { id: string; label: string };
type LockerChoice = { id: string; title: string; filename: string };

export function CompletionAnswerForm({
  action,
  dossierId,
  requestId,
  items,
  correctionAsked,
  lockerChoices,
  documentTitle,
}: {
  action: FormAction;
  dossierId: string;
  requestId: string;
  items: Item[];
  correctionAsked: boolean;
  lockerChoices: LockerChoice[];
  documentTitle: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const fields: Record<string, string> = {};
  for (const item of items) fields[answerInputNames(item.id).upload] = answerInputNames(item.id).upload;
  fields.message = `message-${requestId}`;
  const options = lockerChoices.map((doc) => ({ value: doc.id, label: `${doc.title} (${doc.filename})` }));
  return (
    <>
      <ActionFeedback state={state} fields={fields} documentTitle={documentTitle} />
      <form action={formAction} encType="multipart/form-data" noValidate className="max-w-2xl">
        <input type="hidden" name="dossierId" value={dossierId} />
        <input type="hidden" name="requestId" value={requestId} />
        {items.map((item) => {
          const names = answerInputNames(item.id);
          return (
            <Fieldset key={item.id} id={`piece-${item.id}`} legend={<span className="text-lg font-bold">{item.label}</span>} hint="Choisissez un fichier de votre ordinateur ou un document de votre porte-documents.">
              <FileInput name={names.upload} label="Un fichier de votre ordinateur" error={fieldError(state, names.upload)?.[0]} />
              {options.length ? (
                <SelectField
                  name={names.locker}
                  id={names.locker}
                  label="Ou un document de votre porte-documents"
                  hint="Une copie est jointe à votre demande : le document reste dans votre porte-documents."
                  optional
                  placeholder="Aucun"
                  options={options}
                  defaultValue={shownValue(state, names.locker, '')}
                />
              ) : null}
            </Fieldset>
          );
        })}
        <TextareaField
          name="message"
          id={`message-${requestId}`}
          label={correctionAsked ? 'Votre réponse à la correction demandée' : 'Message à l’administration'}
          optional={!correctionAsked}
          rows={4}
          maxLength={MESSAGE_MAX_LENGTH}
          defaultValue={shownValue(state, 'message', '')}
          error={fieldError(state, 'message')}
        />
        <p className="mb-4">Une fois envoyé, le complément ne peut plus être modifié.</p>
        <SubmitButton>Envoyer le complément</SubmitButton>
      </form>
    </>
  );
}
