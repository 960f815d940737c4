import { SelectField, TextField } from '@/components/ui';
import { fieldError, shownValue, type FormState } from '@/components/forms/form-state';
import { DOCUMENT_KINDS } from '@/lib/documents/validity';

/** Inputs of the type and dates of a locker document, in the order of the error summary. */
export const DOCUMENT_DETAILS_FIELDS = { kind: 'kind', issuedOn: 'issuedOn', expiresOn: 'expiresOn' };

const kindOptions = Object.entries(DOCUMENT_KINDS).map(([value, label]) => ({ value, label }));

export type SavedDetails = { kind: string | null; issuedOn: string | null; expiresOn: string | null };

/**
 * Type, date of issue and expiry date: all optional. They let a step that asks for a recent
 * document warn the citizen, and the Porte-documents list what expires soon.
 */
export function DocumentDetailsFields({ state, saved }: { state: FormState; saved?: SavedDetails }) {
  return (
    <>
      <SelectField
        name="kind"
        label="Type de document"
        optional
        placeholder="Non précisé"
        options={kindOptions}
        defaultValue={shownValue(state, 'kind', saved?.kind)}
        error={fieldError(state, 'kind')}
      />
      <TextField
        name="issuedOn"
        type="date"
        label="Date de délivrance"
        hint="La date inscrite sur le document, par exemple la date d’une facture. Certaines démarches demandent un document récent."
        optional
        defaultValue={shownValue(state, 'issuedOn', saved?.issuedOn)}
        error={fieldError(state, 'issuedOn')}
        className="max-w-xs"
      />
      <TextField
        name="expiresOn"
        type="date"
        label="Date d’expiration"
        hint="Pour une pièce d’identité, par exemple. Nous vous signalerons les documents bientôt expirés."
        optional
        defaultValue={shownValue(state, 'expiresOn', saved?.expiresOn)}
        error={fieldError(state, 'expiresOn')}
        className="max-w-xs"
      />
    </>
  );
}
