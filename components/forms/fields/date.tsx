import type { FieldOf } from '@/lib/procedures/fields';
import { textInputView } from './text-input';

/** The browser's date picker; it posts YYYY-MM-DD. */
export const dateView = textInputView<FieldOf<'date'>>({ type: 'date', className: 'sm:max-w-xs' });
