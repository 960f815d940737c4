import type { FieldOf } from '@/lib/procedures/fields';
import { textInputView } from './text-input';

/** An email address. */
export const emailView = textInputView<FieldOf<'email'>>({ type: 'email', spellCheck: false, className: 'sm:max-w-md' });
