import type { FieldOf } from '@/lib/procedures/fields';
import { textInputView } from './text-input';

/** 14 digits, spaces allowed; no autocomplete (an organisation's number, not the citizen's). */
export const siretView = textInputView<FieldOf<'siret'>>({ type: 'text', inputMode: 'numeric', spellCheck: false, autoComplete: 'off', className: 'sm:max-w-xs' });
