'use client';

import { useActionState } from 'react';
import { Checkbox, ErrorSummary } from '@/components/ui';
import { fieldError, summaryItems, type FormAction } from '@/components/forms/form-state';
import { SubmitButton } from '@/components/forms/form-feedback';

/**
 * "Archiver": a ticked confirmation instead of a confirm() dialog, so it works without
 * JavaScript; a post without it is refused with the message beside the box.
 */
export function ArchiveForm({ action, procedureId }: { action: FormAction; procedureId: string }) {
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok;
  return (
    <div>
      {failed ? <ErrorSummary errors={summaryItems(state, { confirmArchive: 'confirmArchive' })} formError={state.formError} title="Cette action n’a pas été faite" /> : null}
      <form action={formAction} noValidate>
        <input type="hidden" name="procedureId" value={procedureId} />
        <Checkbox id="confirmArchive" name="confirmArchive" label="Je confirme le retrait de cette démarche du catalogue" error={fieldError(state, 'confirmArchive')} />
        <SubmitButton variant="secondary">Archiver</SubmitButton>
      </form>
    </div>
  );
}
