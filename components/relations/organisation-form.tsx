'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { RadioGroup, TextField } from '@/components/ui';
import { organisationSubtypeLabels, organisationSubtypes } from '@/lib/relations/kinds';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';
import { AddressFields, addressFieldIds } from './address-fields';
import type { RelationFormValues } from './relation-values';

const fields = { subtype: 'subtype', legalName: 'legalName', siret: 'siret', ownerRole: 'ownerRole', ...addressFieldIds };

export type OrganisationFormProps = {
  action: FormAction;
  /** The relation being edited; absent when adding one. */
  relationId?: string;
  saved?: RelationFormValues;
  submitLabel: string;
  documentTitle: string;
  /** Where to go once the relation is added (a page of this site, e.g. the procedure being started). */
  returnTo?: string;
};

/** An association or a company; the SIRET key is checked by the shared schema on the server. */
export function OrganisationForm({ action, relationId, saved = {}, submitLabel, documentTitle, returnTo }: OrganisationFormProps) {
  const [state, formAction] = useActionState(action, null);
  const value = (name: string) => shownValue(state, name, saved[name]);
  const error = (name: string) => fieldError(state, name);
  return (
    <div className="max-w-2xl">
      <ActionFeedback state={state} fields={fields} documentTitle={documentTitle} />
      <form action={formAction} noValidate>
        {relationId ? <input type="hidden" name="id" value={relationId} /> : null}
        {returnTo ? <input type="hidden" name="retour" value={returnTo} /> : null}
        <RadioGroup
          name="subtype"
          legend="Type d’organisation"
          inline
          options={organisationSubtypes.map((s) => ({ value: s, label: organisationSubtypeLabels[s] }))}
          defaultValue={value('subtype')}
          error={error('subtype')}
        />
        <TextField
          name="legalName"
          label="Raison sociale"
          hint="Le nom officiel, tel qu’il figure au répertoire Sirene ou dans les statuts."
          autoComplete="organization"
          defaultValue={value('legalName')}
          error={error('legalName')}
        />
        <TextField
          name="siret"
          label="Numéro SIRET"
          hint="14 chiffres, par exemple 421 039 587 00017. Il figure sur l’avis de situation au répertoire Sirene ou sur un extrait Kbis."
          inputMode="numeric"
          spellCheck={false}
          defaultValue={value('siret')}
          error={error('siret')}
          className="sm:max-w-xs"
        />
        <TextField
          name="ownerRole"
          label="Votre rôle dans cette organisation"
          hint="Par exemple : présidente, trésorier, gérante, salarié."
          maxLength={100}
          defaultValue={value('ownerRole')}
          error={error('ownerRole')}
        />
        <AddressFields legend="Adresse du siège" optional={false} value={value} error={error} />
        <div className="flex flex-wrap items-center gap-x-6 gap-y-4">
          <SubmitButton>{submitLabel}</SubmitButton>
          <Link href="/relations">Annuler</Link>
        </div>
      </form>
    </div>
  );
}
