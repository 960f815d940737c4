'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { RadioGroup, TextField } from '@/components/ui';
import { civilities } from '@/lib/common/civilities';
import { personSubtypeLabels, personSubtypes } from '@/lib/relations/kinds';
import { ActionFeedback, SubmitButton } from '@/components/forms/form-feedback';
import { fieldError, shownValue, type FormAction } from '@/components/forms/form-state';
import { AddressFields, addressFieldIds } from './address-fields';
import type { RelationFormValues } from './relation-values';

// Field name → id of the control the error summary links to (a radio group's first option has the group's name).
const fields = {
  subtype: 'subtype',
  civility: 'civility',
  birthName: 'birthName',
  usageName: 'usageName',
  firstNames: 'firstNames',
  birthDate: 'birthDate',
  birthPlace: 'birthPlace',
  ...addressFieldIds,
};

const subtypeHints: Record<string, string> = {
  spouse: 'Époux ou épouse, partenaire de Pacs, concubin ou concubine.',
  parent: 'Votre père ou votre mère.',
  other: 'Un autre membre de votre famille, une personne dont vous êtes tuteur ou tutrice…',
};

export type PersonFormProps = {
  action: FormAction;
  /** The relation being edited; absent when adding one. */
  relationId?: string;
  saved?: RelationFormValues;
  submitLabel: string;
  documentTitle: string;
  /** Where to go once the relation is added (a page of this site, e.g. the procedure being started). */
  returnTo?: string;
};

/** A person (child, spouse, parent, other): a plain form posted to a server action, so it works without JavaScript. */
export function PersonForm({ action, relationId, saved = {}, submitLabel, documentTitle, returnTo }: PersonFormProps) {
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
          legend="Lien avec vous"
          options={personSubtypes.map((s) => ({ value: s, label: personSubtypeLabels[s], hint: subtypeHints[s] }))}
          defaultValue={value('subtype')}
          error={error('subtype')}
        />
        <RadioGroup
          name="civility"
          legend="Civilité"
          optional
          inline
          options={civilities.map((c) => ({ value: c, label: c }))}
          defaultValue={value('civility')}
          error={error('civility')}
        />
        <TextField name="birthName" label="Nom de naissance" defaultValue={value('birthName')} error={error('birthName')} />
        <TextField
          name="usageName"
          label="Nom d’usage"
          optional
          hint="Par exemple le nom d’époux ou d’épouse, s’il est différent du nom de naissance."
          defaultValue={value('usageName')}
          error={error('usageName')}
        />
        <TextField
          name="firstNames"
          label="Prénoms"
          hint="Tous les prénoms, dans l’ordre de l’état civil."
          defaultValue={value('firstNames')}
          error={error('firstNames')}
        />
        <TextField
          name="birthDate"
          type="date"
          label="Date de naissance"
          hint="Par exemple 27/03/2015."
          min="1900-01-01"
          defaultValue={value('birthDate')}
          error={error('birthDate')}
          className="sm:max-w-xs"
        />
        <TextField
          name="birthPlace"
          label="Lieu de naissance"
          optional
          hint="La commune, et le pays pour une naissance à l’étranger."
          defaultValue={value('birthPlace')}
          error={error('birthPlace')}
        />
        <AddressFields legend="Adresse postale" optional value={value} error={error} />
        <div className="flex flex-wrap items-center gap-x-6 gap-y-4">
          <SubmitButton>{submitLabel}</SubmitButton>
          <Link href="/relations">Annuler</Link>
        </div>
      </form>
    </div>
  );
}
