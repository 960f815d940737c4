import type { FieldValues, UseFormRegister } from 'react-hook-form';
import type { InputField } from '@/lib/procedures/compile-step';
import type { FormValue } from './form-values';

/** What every input renderer receives: its field, the value to show, its errors, and react-hook-form. */
export type FieldRendererProps<T extends InputField['type']> = {
  field: Extract<InputField, { type: T }>;
  value: FormValue;
  /** The message to show for an error key ("nom", "adresse.postalCode"), if any. */
  errorOf: (errorKey: string) => string | undefined;
  register: UseFormRegister<FieldValues>;
};
