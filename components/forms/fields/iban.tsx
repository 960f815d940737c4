import type { FieldOf } from '@/lib/procedures/fields';
import { groupIban } from '@/lib/procedures/fields/iban';
import type { FieldView } from './field-view';
import { textInputView } from './text-input';

/** One text input; a saved IBAN comes back grouped by four, as on a RIB. No autocomplete: it is not the citizen's own data. */
export const ibanView: FieldView<FieldOf<'iban'>> = {
  ...textInputView<FieldOf<'iban'>>({ type: 'text', spellCheck: false, autoComplete: 'off', autoCapitalize: 'characters', className: 'sm:max-w-md' }),
  toFormValue: (_field, value) => (typeof value === 'string' ? groupIban(value) : ''),
};
