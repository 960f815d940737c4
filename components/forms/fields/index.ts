import type { AnswerValue } from '@/lib/procedures/answers';
import type { AnyField, FieldOf, FieldType } from '@/lib/procedures/fields';
import type { FormValue } from '../form-values';
import { addressView } from './address';
import { checkboxesView } from './checkboxes';
import { dateView } from './date';
import { emailView } from './email';
import type { FieldRendererProps, FieldView } from './field-view';
import { fileView } from './file';
import { ibanView } from './iban';
import { infoView } from './info';
import { numberView } from './number';
import { radioView } from './radio';
import { selectView } from './select';
import { siretView } from './siret';
import { telView } from './tel';
import { textView } from './text';
import { textareaView } from './textarea';
import { yesnoView } from './yesno';

// The browser side of the field types: one view per type of lib/procedures/fields, checked by
// the compiler (a type without its view, or a view without its type, does not build).
const fieldViews = {
  text: textView,
  textarea: textareaView,
  email: emailView,
  tel: telView,
  date: dateView,
  number: numberView,
  yesno: yesnoView,
  select: selectView,
  radio: radioView,
  checkboxes: checkboxesView,
  address: addressView,
  siret: siretView,
  file: fileView,
  info: infoView,
  iban: ibanView,
} satisfies { [K in FieldType]: FieldView<FieldOf<K>> };

export type { FieldRendererProps };

/** A field's view, typed for that field (the one cast: TypeScript cannot correlate a union here). */
function viewOf<F extends AnyField>(field: F): FieldView<F> {
  return fieldViews[field.type as FieldType] as unknown as FieldView<F>;
}

export function renderField<F extends AnyField>(props: FieldRendererProps<F>) {
  return viewOf(props.field).render(props);
}

export function toFormValue(field: AnyField, value: AnswerValue | undefined): FormValue {
  return viewOf(field).toFormValue(field, value);
}

/** Error keys of a field in page order: the error summary follows the page. */
export function errorKeysOf(field: AnyField): string[] {
  return viewOf(field).inputNames(field);
}

/** [input name, value] pairs, as react-hook-form's setValue wants them (the parts of a composite answer apart). */
export function toInputEntries(field: AnyField, value: AnswerValue | undefined): [string, string | string[]][] {
  const shown = toFormValue(field, value);
  const names = errorKeysOf(field);
  if (typeof shown === 'string' || Array.isArray(shown)) return [[names[0], shown]];
  return names.map((name) => [name, shown[name.slice(field.key.length + 1) as keyof typeof shown] ?? '']);
}
