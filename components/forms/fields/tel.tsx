import type { FieldOf } from '@/lib/procedures/fields';
import { textInputView } from './text-input';

/** A phone number. */
export const telView = textInputView<FieldOf<'tel'>>({ type: 'tel', className: 'sm:max-w-xs' });
