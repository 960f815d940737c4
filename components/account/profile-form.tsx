'use client';

import { Fieldset, RadioGroup, TextField } from '@/components/ui';
import { useServerForm } from '@/components/auth/use-server-form';
import { civilities } from '@/lib/common/civilities';
import type { ProfileView } from '@/lib/accounts/profile';
import { FormFeedback, SubmitButton } from '@/components/forms/form-feedback';
import { shownValue, successMessage, type FormAction } from '@/components/forms/form-state';

// The schema is fetched when the form is first entered (decision 019).
const loadSchema = () => import('@/lib/accounts/schemas').then((m) => m.profileSchema);

// The personal information as read by lib/accounts/profile.ts (a type-only import: nothing of the server module ships).
export type ProfileValues = Omit<ProfileView, 'email'>;

// Page order, for the error summary; each id is the field's name (the radio group's first option is `civility`).
const FIELDS = ['civility', 'birthName', 'usageName', 'firstNames', 'birthDate', 'birthPlace', 'addressLine1', 'addressLine2', 'postalCode', 'city', 'phone'] as const;

/**
 * "Mes informations". Without JavaScript: a plain form posted to the server action. With it,
 * react-hook-form checks the same zod schema first, and only valid input reaches the action.
 */
export function ProfileForm({ action, profile, documentTitle }: { action: FormAction; profile: ProfileValues; documentTitle: string }) {
  const form = useServerForm(loadSchema, action, { fields: FIELDS });
  const value = (name: keyof ProfileValues) => shownValue(form.state, name, profile[name]);
  const field = (name: Exclude<keyof ProfileValues, 'civility'>) => ({ ...form.register(name), defaultValue: value(name), error: form.fieldError(name) });
  return (
    <>
      <FormFeedback summary={form.summary} success={form.pending ? undefined : successMessage(form.state)} documentTitle={documentTitle} />
      <form {...form.formProps} className="max-w-2xl">
        <RadioGroup
          name="civility"
          legend="Civilité"
          optional
          inline
          options={civilities.map((c) => ({ value: c, label: c }))}
          defaultValue={value('civility')}
          error={form.fieldError('civility')}
        />
        <TextField {...field('birthName')} label="Nom de naissance" autoComplete="family-name" />
        <TextField
          {...field('usageName')}
          label="Nom d’usage"
          optional
          hint="Par exemple le nom d’époux ou d’épouse, s’il est différent du nom de naissance."
          autoComplete="off"
        />
        <TextField {...field('firstNames')} label="Prénoms" hint="Tous vos prénoms, dans l’ordre de l’état civil." autoComplete="given-name" />
        <TextField {...field('birthDate')} type="date" label="Date de naissance" optional hint="Par exemple 27/03/1985." autoComplete="bday" className="sm:max-w-xs" />
        <TextField {...field('birthPlace')} label="Lieu de naissance" optional hint="La commune, et le pays si vous êtes né ou née à l’étranger." />
        <Fieldset id="address" legend="Adresse postale" optional hint="Si vous la renseignez, indiquez au moins le numéro et la voie, le code postal et la commune.">
          <TextField {...field('addressLine1')} label="Numéro et voie" required={false} autoComplete="address-line1" />
          <TextField {...field('addressLine2')} label="Complément d’adresse" optional hint="Bâtiment, appartement, lieu-dit…" autoComplete="address-line2" />
          <TextField
            {...field('postalCode')}
            label="Code postal"
            required={false}
            hint="5 chiffres, par exemple 69001."
            inputMode="numeric"
            autoComplete="postal-code"
            className="sm:max-w-40"
          />
          <TextField {...field('city')} label="Commune" required={false} autoComplete="address-level2" />
        </Fieldset>
        <TextField {...field('phone')} type="tel" label="Numéro de téléphone" optional hint="Par exemple 06 12 34 56 78." autoComplete="tel" className="sm:max-w-xs" />
        <SubmitButton>Enregistrer mes informations</SubmitButton>
      </form>
    </>
  );
}
