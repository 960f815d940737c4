import { SelectField } from '@/components/ui';
import type { FieldOf } from '@/lib/procedures/fields';
import { singleInput, stringFormValue, type FieldView } from './field-view';

/** A drop-down list. */
export const selectView: FieldView<FieldOf<'select'>> = {
  render: ({ field, value, errorOf, register }) => (
    <SelectField
      id={field.key}
      label={field.label}
      hint={field.hint}
      error={errorOf(field.key)}
      optional={!field.required}
      options={field.options}
      placeholder="Choisissez une réponse"
      defaultValue={typeof value === 'string' ? value : ''}
      {...register(field.key)}
    />
  ),
  toFormValue: stringFormValue,
  inputNames: singleInput,
};
