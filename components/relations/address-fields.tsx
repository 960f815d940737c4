import { Fieldset, TextField } from '@/components/ui';

export type AddressFieldsProps = {
  legend: string;
  /** People: the whole address may be left empty. Organisations: required. */
  optional: boolean;
  value: (name: string) => string;
  error: (name: string) => string[] | undefined;
};

/** Numéro et voie, complément, code postal, commune: the same four fields as "Mes informations". */
export function AddressFields({ legend, optional, value, error }: AddressFieldsProps) {
  return (
    <Fieldset
      id="address"
      legend={legend}
      optional={optional}
      hint={optional ? 'Si vous la renseignez, indiquez au moins le numéro et la voie, le code postal et la commune.' : undefined}
    >
      <TextField
        name="addressLine1"
        label="Numéro et voie"
        required={!optional}
        defaultValue={value('addressLine1')}
        error={error('addressLine1')}
      />
      <TextField
        name="addressLine2"
        label="Complément d’adresse"
        optional
        hint="Bâtiment, appartement, lieu-dit…"
        defaultValue={value('addressLine2')}
        error={error('addressLine2')}
      />
      <TextField
        name="postalCode"
        label="Code postal"
        required={!optional}
        hint="5 chiffres, par exemple 69001."
        inputMode="numeric"
        defaultValue={value('postalCode')}
        error={error('postalCode')}
        className="sm:max-w-40"
      />
      <TextField name="city" label="Commune" required={!optional} defaultValue={value('city')} error={error('city')} />
    </Fieldset>
  );
}

export const addressFieldIds = { addressLine1: 'addressLine1', addressLine2: 'addressLine2', postalCode: 'postalCode', city: 'city' };
