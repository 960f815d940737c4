import type { FieldOf } from '@/lib/procedures/fields';
import { textInputView } from './text-input';

/**
 * A text input with the numeric keyboard (GOV.UK advice): type="number" swallows letters and
 * changes on scroll. Decimals get the keyboard with a comma.
 */
export const numberView = textInputView<FieldOf<'number'>>((field) => ({ type: 'text', className: 'sm:max-w-40', inputMode: field.integer ? 'numeric' : 'decimal' }));
