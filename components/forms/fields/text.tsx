import type { FieldOf } from '@/lib/procedures/fields';
import { textInputView } from './text-input';

/** A short text, on one line. */
export const textView = textInputView<FieldOf<'text'>>({ type: 'text' });
