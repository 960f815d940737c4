'use client';

import { useActionState } from 'react';
import { Fieldset, RadioGroup, TextField } from '@/components/ui';
import { FormFeedback, SubmitButton } from './form-feedback';
import { fieldError, shownValue, type FormAction } from './form-state';

export type ProfileValues = {
  civility: string | null;
  birthName: string | null;
  usageName: string | null;
  firstNames: string | null;
  birthDate: string | null;
  birthPlace: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  phone: string | null;
};

// Field name → id of the control the error summary links to (the radio group's first option is `civility`).
const fields = {
  civility: 'civility',
  birthName: 'birthName',
  usageName: 'usageName',
  firstNames: 'firstNames',
  birthDate: 'birthDate',
  birthPlace: 'birthPlace',
  addressLine1: 'addressLine1',
  addressLine2: 'addressLine2',
  postalCode: 'postalCode',
  city: 'city',
  phone: 'phone',
};

/** "Mes informations": a plain form posted to a server action, so it works without JavaScript. */
/** `civilities` comes from the server page: lib/accounts/schemas pulls the password policy (and its word list) along. */
export function ProfileForm({ action, profile, civilities }: { action: FormAction; profile: ProfileValues; civilities: readonly string[] }) {
  const [state, formAction] = useActionState(action, null);
  const value = (name: keyof ProfileValues) => shownValue(state, name, profile[name]);
  const error = (name: keyof ProfileValues) => fieldError(state, name);
  return (
    <>
      <FormFeedback state={state} fields={fields} />
      <form action={formAction} noValidate className="max-w-2xl">
        <RadioGroup
          name="civility"
          legend="Civilité"
          optional
          inline
          options={civilities.map((c) => ({ value: c, label: c }))}
          defaultValue={value('civility')}
          error={error('civility')}
        />
        <TextField name="birthName" label="Nom de naissance" autoComplete="family-name" defaultValue={value('birthName')} error={error('birthName')} />
        <TextField
          name="usageName"
          label="Nom d’usage"
          optional
          hint="Par exemple le nom d’époux ou d’épouse, s’il est différent du nom de naissance."
          autoComplete="off"
          defaultValue={value('usageName')}
          error={error('usageName')}
        />
        <TextField
          name="firstNames"
          label="Prénoms"
          hint="Tous vos prénoms, dans l’ordre de l’état civil."
          autoComplete="given-name"
          defaultValue={value('firstNames')}
          error={error('firstNames')}
        />
        <TextField
          name="birthDate"
          type="date"
          label="Date de naissance"
          optional
          hint="Par exemple 27/03/1985."
          autoComplete="bday"
          defaultValue={value('birthDate')}
          error={error('birthDate')}
          className="sm:max-w-xs"
        />
        <TextField
          name="birthPlace"
          label="Lieu de naissance"
          optional
          hint="La commune, et le pays si vous êtes né ou née à l’étranger."
          defaultValue={value('birthPlace')}
          error={error('birthPlace')}
        />
        <Fieldset id="address" legend="Adresse postale" optional hint="Si vous la renseignez, indiquez au moins le numéro et la voie, le code postal et la commune.">
          <TextField name="addressLine1" label="Numéro et voie" required={false} autoComplete="address-line1" defaultValue={value('addressLine1')} error={error('addressLine1')} />
          <TextField
            name="addressLine2"
            label="Complément d’adresse"
            optional
            hint="Bâtiment, appartement, lieu-dit…"
            autoComplete="address-line2"
            defaultValue={value('addressLine2')}
            error={error('addressLine2')}
          />
          <TextField
            name="postalCode"
            label="Code postal"
            required={false}
            hint="5 chiffres, par exemple 69001."
            inputMode="numeric"
            autoComplete="postal-code"
            defaultValue={value('postalCode')}
            error={error('postalCode')}
            className="sm:max-w-40"
          />
          <TextField name="city" label="Commune" required={false} autoComplete="address-level2" defaultValue={value('city')} error={error('city')} />
        </Fieldset>
        <TextField
          name="phone"
          type="tel"
          label="Numéro de téléphone"
          optional
          hint="Par exemple 06 12 34 56 78."
          autoComplete="tel"
          defaultValue={value('phone')}
          error={error('phone')}
          className="sm:max-w-xs"
        />
        <SubmitButton>Enregistrer mes informations</SubmitButton>
      </form>
    </>
  );
}
