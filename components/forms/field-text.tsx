import { TextareaField, TextField } from '@/components/ui';
import type { FieldRendererProps } from './field-props';
import { autocompleteOf } from './form-values';

type TextLikeType = 'text' | 'textarea' | 'email' | 'tel' | 'date' | 'number' | 'siret';

// One-line inputs per type: the keyboard and width that fit the expected answer. Numbers use a
// text input with inputmode (GOV.UK advice): type="number" swallows letters and changes on scroll.
const inputProps = {
  text: { type: 'text' },
  email: { type: 'email', spellCheck: false, className: 'sm:max-w-md' },
  tel: { type: 'tel', className: 'sm:max-w-xs' },
  date: { type: 'date', className: 'sm:max-w-xs' },
  number: { type: 'text', className: 'sm:max-w-40' },
  siret: { type: 'text', inputMode: 'numeric', spellCheck: false, autoComplete: 'off', className: 'sm:max-w-xs' },
} as const;

export function TextLikeField({ field, value, errorOf, register }: FieldRendererProps<TextLikeType>) {
  const common = {
    id: field.key,
    label: field.label,
    hint: field.hint,
    error: errorOf(field.key),
    optional: !field.required,
    defaultValue: typeof value === 'string' ? value : '',
    ...register(field.key),
  };
  if (field.type === 'textarea') return <TextareaField {...common} rows={field.maxLength > 1000 ? 8 : 5} />;
  const inputMode = field.type === 'number' ? (field.integer ? 'numeric' : 'decimal') : undefined;
  return <TextField inputMode={inputMode} autoComplete={autocompleteOf(field)} {...inputProps[field.type]} {...common} />;
}
