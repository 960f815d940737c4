import { TextareaField } from '@/components/ui';
import type { FieldOf } from '@/lib/procedures/fields';
import { singleInput, stringFormValue, type FieldView } from './field-view';
import { commonProps } from './text-input';

/** A text area, taller when long answers are allowed. */
export const textareaView: FieldView<FieldOf<'textarea'>> = {
  render: (props) => <TextareaField {...commonProps(props)} rows={props.field.maxLength > 1000 ? 8 : 5} />,
  toFormValue: stringFormValue,
  inputNames: singleInput,
};
