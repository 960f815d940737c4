import { Fieldset, TextField } from '@/components/ui';
import { ADDRESS_PARTS, type AddressPart } from '@/lib/procedures/fields/address';
import type { FieldOf } from '@/lib/procedures/fields';
import { controlIdOf, isOwnAddress } from '../form-values';
import type { FieldRendererProps, FieldView } from './field-view';

const parts: { part: AddressPart; label: string; hint?: string; autoComplete: string; className?: string }[] = [
  { part: 'line1', label: 'Numéro et voie', autoComplete: 'address-line1' },
  { part: 'line2', label: 'Complément d’adresse', hint: 'Bâtiment, appartement, lieu-dit…', autoComplete: 'address-line2' },
  { part: 'postalCode', label: 'Code postal', hint: '5 chiffres, par exemple 69001.', autoComplete: 'postal-code', className: 'sm:max-w-40' },
  { part: 'city', label: 'Commune', autoComplete: 'address-level2' },
];

/** A postal address: one fieldset, one input per part, each with its own error. */
function AddressField({ field, value, errorOf, register }: FieldRendererProps<FieldOf<'address'>>) {
  const address = typeof value === 'object' && !Array.isArray(value) ? value : {};
  return (
    // The wrapper carries the field key: "Modifier" links from the recap land here.
    <div id={field.key}>
      <Fieldset id={`${field.key}-adresse`} legend={field.label} hint={field.hint} optional={!field.required}>
        {parts.map(({ part, label, hint, autoComplete, className }) => {
          const name = `${field.key}.${part}`;
          return (
            <TextField
              key={part}
              id={controlIdOf(name)}
              label={label}
              hint={hint}
              error={errorOf(name)}
              // An optional address, once started, needs its main parts: no "(facultatif)" on them.
              optional={part === 'line2'}
              required={part === 'line2' ? false : field.required}
              inputMode={part === 'postalCode' ? 'numeric' : undefined}
              autoComplete={isOwnAddress(field) ? autoComplete : undefined}
              defaultValue={address[part] ?? ''}
              className={className}
              {...register(name)}
            />
          );
        })}
      </Fieldset>
    </div>
  );
}

export const addressView: FieldView<FieldOf<'address'>> = {
  render: (props) => <AddressField {...props} />,
  toFormValue: (_field, value) => (value && typeof value === 'object' && !Array.isArray(value) ? value : {}),
  // One input per part, named "<key>.<part>": compileStep reports each part's problem there.
  inputNames: (field) => ADDRESS_PARTS.map((part) => `${field.key}.${part}`),
};
