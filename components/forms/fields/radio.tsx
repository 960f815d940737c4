import type { FieldOf } from '@/lib/procedures/fields';
import { ChoiceGroup } from './choice-input';
import { singleInput, stringFormValue, type FieldView } from './field-view';

/** One radio button per option. */
export const radioView: FieldView<FieldOf<'radio'>> = {
  render: (props) => <ChoiceGroup {...props} options={props.field.options} />,
  toFormValue: stringFormValue,
  inputNames: singleInput,
};
